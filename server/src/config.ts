import { resolve } from "node:path";

/** Everything the server reads from its environment, with defaults that suit a laptop. */
export interface ServerConfig {
  readonly port: number;
  readonly host: string;
  /** Folder holding the SQLite file; created if missing. */
  readonly dataDir: string;
  /** Largest websocket message accepted, in bytes; a larger one closes the connection (1009). */
  readonly maxMessageBytes: number;
  /** Unload a room this long after its last client left. */
  readonly roomIdleMs: number;
  /** Fold a room's update log into a snapshot after this many updates. */
  readonly compactEvery: number;
  /** SQLite `synchronous` setting: NORMAL survives a process crash, FULL also a power cut. */
  readonly sqliteSynchronous: "NORMAL" | "FULL";
  /** Folder of the built web app to serve, or null to serve no pages. */
  readonly webRoot: string | null;
  readonly logLevel: string;
}

/** Thrown when an environment variable has a value the server cannot use. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

function integer(env: NodeJS.ProcessEnv, key: string, fallback: number, min: number): number {
  const raw = env[key];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new ConfigError(`${key} must be a whole number of at least ${min}, not "${raw}"`);
  }
  return value;
}

/** Reads the configuration from `env` (normally `process.env`). */
export function readConfig(env: NodeJS.ProcessEnv, defaults: { webRoot: string | null }): ServerConfig {
  const synchronous = (env.SQLITE_SYNCHRONOUS ?? "NORMAL").toUpperCase();
  if (synchronous !== "NORMAL" && synchronous !== "FULL") {
    throw new ConfigError(`SQLITE_SYNCHRONOUS must be NORMAL or FULL, not "${env.SQLITE_SYNCHRONOUS}"`);
  }
  return {
    port: integer(env, "PORT", 8080, 0),
    host: env.HOST || "127.0.0.1",
    dataDir: resolve(env.DATA_DIR || "data"),
    maxMessageBytes: integer(env, "MAX_MESSAGE_BYTES", 8 * 1024 * 1024, 1024),
    roomIdleMs: integer(env, "ROOM_IDLE_MS", 30_000, 0),
    compactEvery: integer(env, "COMPACT_EVERY", 500, 1),
    sqliteSynchronous: synchronous,
    webRoot: env.WEB_ROOT === undefined ? defaults.webRoot : env.WEB_ROOT || null,
    logLevel: env.LOG_LEVEL || "info",
  };
}
