// What one connection of a loaded room holds on the server's JavaScript heap, for Concord and the
// reference server alike: heap snapshots (each taken after a full collection) with one stock client
// in each of five rooms, then with 57 in each; the difference over the 280 connections added.
// Compiled code is counted apart: it is made once per function, however many connections there are.
// Usage: npm run bench:heap (from the repository root). BENCH_SERVERS=concord,y-websocket;
// BENCH_HEAP_KEEP=<folder> keeps the snapshots there, for reading in Chrome's DevTools.
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type Client, connect } from "./clients";
import { startServer } from "./servers";
import type { ServerKind } from "./workload";

const servers = (process.env.BENCH_SERVERS ?? "concord,y-websocket").split(",") as ServerKind[];
const ROOMS = 5;
const PER_ROOM = 57;

/** The self sizes of a V8 heap snapshot's nodes, summed: all of it, and compiled code alone. */
function heapBytes(path: string): { total: number; code: number } {
  const snapshot = JSON.parse(readFileSync(path, "utf8")) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
    nodes: number[];
  };
  const fields = snapshot.snapshot.meta.node_fields;
  const width = fields.length;
  const typeAt = fields.indexOf("type");
  const sizeAt = fields.indexOf("self_size");
  const codeType = snapshot.snapshot.meta.node_types[0].indexOf("code");
  let total = 0;
  let code = 0;
  for (let i = 0; i < snapshot.nodes.length; i += width) {
    const size = snapshot.nodes[i + sizeAt] as number;
    total += size;
    if (snapshot.nodes[i + typeAt] === codeType) code += size;
  }
  return { total, code };
}

/** Asks the server for a heap snapshot (it writes one into its working directory) and reads it. */
async function snapshotOf(pid: number, dataDir: string): Promise<{ total: number; code: number }> {
  const before = new Set(readdirSync(dataDir));
  process.kill(pid, "SIGUSR2");
  for (let waited = 0; waited < 60_000; waited += 250) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const made = readdirSync(dataDir).find((name) => name.endsWith(".heapsnapshot") && !before.has(name));
    if (!made) continue;
    const keep = process.env.BENCH_HEAP_KEEP;
    // The file appears before it is written through: read it once it parses.
    for (let tries = 0; tries < 120; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      try {
        const bytes = heapBytes(join(dataDir, made));
        if (keep) {
          mkdirSync(keep, { recursive: true });
          copyFileSync(join(dataDir, made), join(keep, made));
        }
        return bytes;
      } catch (error) {
        if (!(error instanceof SyntaxError)) throw error;
      }
    }
  }
  throw new Error("the server wrote no heap snapshot");
}

async function measure(kind: ServerKind): Promise<{ perConnection: number; withoutCode: number }> {
  const server = await startServer(kind, ROOMS, ["--heapsnapshot-signal=SIGUSR2"]);
  const pid = server.child.pid as number;
  const clients: Client[] = [];
  const connectMore = async (count: number) => {
    const added = server.setup.rooms.flatMap((room) =>
      Array.from({ length: count }, () => connect(kind, server.port, room, server.setup.token)),
    );
    clients.push(...added);
    // A client the server closed never syncs: wait for it only so long, and say so.
    const timeout = new Promise<"late">((resolve) => setTimeout(() => resolve("late"), 20_000));
    const outcomes = await Promise.all(added.map((client) => Promise.race([client.whenSynced(), timeout])));
    const late = outcomes.filter((outcome) => outcome === "late").length;
    if (late > 0) process.stderr.write(`${kind}: ${late} of ${added.length} clients did not sync\n`);
    // Let the handshakes' garbage and timers settle.
    await new Promise((resolve) => setTimeout(resolve, 2000));
  };
  try {
    await connectMore(1);
    const one = await snapshotOf(pid, server.dataDir);
    await connectMore(PER_ROOM - 1);
    const loaded = await snapshotOf(pid, server.dataDir);
    const added = ROOMS * (PER_ROOM - 1);
    return {
      perConnection: (loaded.total - one.total) / added,
      withoutCode: (loaded.total - one.total - (loaded.code - one.code)) / added,
    };
  } finally {
    for (const client of clients) client.destroy();
    await server.stop();
  }
}

async function main(): Promise<void> {
  const lines = [
    `Date: ${new Date().toISOString()}, Node ${process.version}`,
    `${ROOMS} rooms, from 1 to ${PER_ROOM} stock clients each: JavaScript heap per connection added`,
    "",
    "| server | KB per connection | without compiled code |",
    "| --- | --- | --- |",
  ];
  for (const kind of servers) {
    const { perConnection, withoutCode } = await measure(kind);
    lines.push(`| ${kind} | ${(perConnection / 1000).toFixed(2)} | ${(withoutCode / 1000).toFixed(2)} |`);
  }
  process.stdout.write(`${lines.join("\n")}\n`);
}

main().then(
  // Exits rather than waiting for the destroyed clients' sockets to finish closing.
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${String((error as Error).stack ?? error)}\n`);
    process.exit(1);
  },
);
