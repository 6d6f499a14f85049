import type { Logger } from "@concord/sync";
import { pino } from "pino";

/** The server's structured logger: JSON lines on stdout, one field per fact, never document content. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: "concord" } });
}
