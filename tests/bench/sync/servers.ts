// Starting each server under test with a fresh data folder: Concord (built, seeded with a member
// and transcripts), the y-websocket reference server (LevelDB persistence) and Hocuspocus (SQLite).
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { ServerKind } from "./workload";

const here = fileURLToPath(new URL(".", import.meta.url));
const repoRoot = join(here, "..", "..", "..");
const run = promisify(execFile);

/** A server process on a loopback port, with its own data folder (its working directory too). */
export interface ServerUnderTest {
  readonly dataDir: string;
  readonly child: ChildProcess;
  readonly port: number;
  stop(): Promise<void>;
}

/** A free loopback port, picked by the OS. */
async function freePort(): Promise<number> {
  const { createServer } = await import("node:net");
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** Who the clients are and which rooms they use: Concord's need a signed-in member and real transcripts. */
export interface Setup {
  readonly rooms: string[];
  readonly token?: string;
  readonly coderId: string;
}

/** Concord's data folder gets an owner with a token and `count` transcripts before the server starts. */
async function seedConcord(dataDir: string, count: number): Promise<Setup> {
  const seeded = await run(
    process.execPath,
    ["--import", "tsx", join(repoRoot, "server", "src", "testing", "seed-bench.ts"), dataDir, String(count)],
    { cwd: repoRoot },
  );
  const { rooms, token, userId } = JSON.parse(seeded.stdout) as {
    rooms: string[];
    token: string;
    userId: string;
  };
  return { rooms, token, coderId: userId };
}

/** Starts `kind` with `rooms` rooms to use, its Node run with `nodeFlags`. */
export async function startServer(
  kind: ServerKind,
  rooms: number,
  nodeFlags: readonly string[],
): Promise<ServerUnderTest & { setup: Setup }> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), `bench-${kind}-`));
  const setup: Setup =
    kind === "concord"
      ? await seedConcord(dataDir, rooms)
      : {
          rooms: Array.from({ length: rooms }, (_, i) => `bench-${String(i).padStart(2, "0")}`),
          coderId: "bench",
        };
  const env = { ...process.env, PORT: String(port), HOST: "127.0.0.1" };
  const command: Record<ServerKind, { args: string[]; env: NodeJS.ProcessEnv }> = {
    concord: {
      args: [join(repoRoot, "server", "dist", "main.js")],
      env: { ...env, DATA_DIR: dataDir, LOG_LEVEL: "warn", WEB_ROOT: "" },
    },
    "y-websocket": {
      args: [join(here, "node_modules", "@y", "websocket-server", "src", "server.js")],
      env: { ...env, YPERSISTENCE: join(dataDir, "leveldb") },
    },
    hocuspocus: {
      args: [join(here, "servers", "hocuspocus.mjs")],
      env: { ...env, DATABASE: join(dataDir, "hocuspocus.sqlite") },
    },
  };
  const { args, env: childEnv } = command[kind];
  const child = spawn(process.execPath, [...nodeFlags, ...args], {
    env: childEnv,
    cwd: dataDir,
    stdio: ["ignore", "ignore", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await Promise.race([
    waitForPort(port),
    exited.then(() => {
      throw new Error(`${kind} exited before listening`);
    }),
  ]);
  return {
    child,
    port,
    setup,
    dataDir,
    async stop() {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function waitForPort(port: number): Promise<void> {
  const { connect } = await import("node:net");
  const deadline = Date.now() + 20_000;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`nothing listened on port ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
