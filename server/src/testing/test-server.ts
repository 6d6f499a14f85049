import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { silentLogger } from "@concord/sync";
import { readConfig, type ServerConfig } from "../config";
import { type RunningServer, type ServerParts, startServer } from "../server";

/** A fresh, empty data folder in the system's temp folder. */
export function createDataDir(): string {
  return mkdtempSync(join(tmpdir(), "concord-test-"));
}

/** A real server on a free loopback port with its own data folder, for one test. */
export interface TestServer extends RunningServer {
  readonly dataDir: string;
  readonly wsUrl: string;
  /** Closes the server and deletes its data folder. */
  dispose(): Promise<void>;
}

/** Starts a real server on port 0 (so tests can run side by side) with a throwaway data folder. */
export async function startTestServer(
  overrides: Partial<ServerConfig> = {},
  parts: ServerParts = {},
): Promise<TestServer> {
  const dataDir = overrides.dataDir ?? createDataDir();
  const config: ServerConfig = {
    ...readConfig({}, { webRoot: null }),
    port: 0,
    host: "127.0.0.1",
    dataDir,
    ...overrides,
  };
  const server = await startServer(config, { logger: silentLogger, ...parts });
  return {
    ...server,
    dataDir,
    wsUrl: `${server.url.replace(/^http/, "ws")}/sync`,
    async dispose() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
