// Sync benchmark: Concord against the y-websocket reference server (LevelDB persistence) and
// Hocuspocus (SQLite extension), on the same workload, servers and clients in separate processes.
// Usage: npm run bench  (from the repository root; builds Concord first). Options by environment:
// BENCH_SERVERS=concord,y-websocket,hocuspocus  BENCH_ROOMS=20  BENCH_SECONDS=20  BENCH_RATE=2
import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { type Setup, startServer } from "./servers";
import { type LatencySummary, summarise } from "./stats";
import type { ServerKind, WorkloadRequest, WorkloadResult } from "./workload";

const here = fileURLToPath(new URL(".", import.meta.url));
const run = promisify(execFile);

const settings = {
  servers: (process.env.BENCH_SERVERS ?? "concord,y-websocket,hocuspocus").split(",") as ServerKind[],
  rooms: Number(process.env.BENCH_ROOMS ?? 20),
  editors: 7,
  observers: 50,
  seconds: Number(process.env.BENCH_SECONDS ?? 20),
  ratePerEditor: Number(process.env.BENCH_RATE ?? 2),
  clientProcesses: Number(process.env.BENCH_CLIENT_PROCESSES ?? 2),
  throughputSeconds: Number(process.env.BENCH_THROUGHPUT_SECONDS ?? 5),
  // Flags for every server's Node (a V8 heap setting, say), so that all of them run alike.
  nodeFlags: (process.env.BENCH_NODE_FLAGS ?? "").split(" ").filter(Boolean),
};

/** Resident memory of a process in MiB, from /proc. */
function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}

async function runClients(
  kind: ServerKind,
  port: number,
  setup: Setup,
  rooms: string[],
  phase: WorkloadRequest["phase"],
  processes: number,
  durationMs: number,
  onConnected?: () => void,
): Promise<WorkloadResult[]> {
  const shares = Array.from({ length: processes }, (_, i) => rooms.filter((_, r) => r % processes === i));
  const tsx = join(here, "node_modules", ".bin", "tsx");
  const runs = shares
    .filter((share) => share.length > 0)
    .map((share) => {
      const request: WorkloadRequest = {
        kind,
        port,
        rooms: share,
        editors: settings.editors,
        observers: settings.observers,
        phase,
        ratePerEditor: settings.ratePerEditor,
        durationMs,
        coderId: setup.coderId,
        ...(setup.token ? { token: setup.token } : {}),
      };
      return run(tsx, [join(here, "workload.ts"), JSON.stringify(request)], { maxBuffer: 512 * 1024 * 1024 });
    });
  const connected = onConnected ? setTimeout(onConnected, 4000 + settings.rooms * 150) : undefined;
  const outputs = await Promise.all(runs);
  clearTimeout(connected);
  return outputs.map(({ stdout }) => JSON.parse(stdout) as WorkloadResult);
}

interface ServerReport {
  readonly kind: ServerKind;
  readonly latency: LatencySummary;
  readonly delivered: string;
  readonly offeredUpdatesPerSecond: number;
  readonly deliveredUpdatesPerSecond: number;
  readonly throughputUpdatesPerSecond: number;
  readonly throughputDelivered: string;
  readonly idleRssMiB: number;
  readonly loadedRssMiB: number;
  readonly rssPerRoomMiB: number;
}

async function benchmark(kind: ServerKind): Promise<ServerReport> {
  process.stderr.write(`\n${kind}: starting\n`);
  let server = await startServer(kind, settings.rooms, settings.nodeFlags);
  const pid = server.child.pid as number;
  const idle = rssMiB(pid);
  // The loaded figure is the peak over the phase once every client is in, sampled four times a
  // second: one sample at a fixed moment fell before or after the young generation's growth by luck.
  let loaded = Number.NaN;
  let sampler: NodeJS.Timeout | undefined;
  const latencyResults = await runClients(
    kind,
    server.port,
    server.setup,
    server.setup.rooms,
    "latency",
    settings.clientProcesses,
    settings.seconds * 1000,
    () => {
      loaded = rssMiB(pid);
      sampler = setInterval(() => {
        loaded = Math.max(loaded, rssMiB(pid));
      }, 250);
    },
  );
  clearInterval(sampler);
  const latencies = latencyResults.flatMap((r) => r.latenciesMs);
  const sent = latencyResults.reduce((sum, r) => sum + r.sent, 0);
  const deliveries = latencyResults.reduce((sum, r) => sum + r.deliveries, 0);
  const expected = latencyResults.reduce((sum, r) => sum + r.expectedDeliveries, 0);
  await server.stop();
  process.stderr.write(
    `${kind}: latency phase done (${sent} updates, ${deliveries}/${expected} deliveries)\n`,
  );

  server = await startServer(kind, 1, settings.nodeFlags);
  const [throughput] = await runClients(
    kind,
    server.port,
    server.setup,
    server.setup.rooms,
    "throughput",
    1,
    settings.throughputSeconds * 1000,
  );
  await server.stop();
  if (!throughput) throw new Error("throughput phase returned nothing");
  process.stderr.write(`${kind}: throughput phase done\n`);

  return {
    kind,
    latency: summarise(latencies),
    delivered: `${deliveries}/${expected}`,
    offeredUpdatesPerSecond: settings.rooms * settings.editors * settings.ratePerEditor,
    deliveredUpdatesPerSecond: Math.round(sent / settings.seconds),
    throughputUpdatesPerSecond: Math.round((throughput.fullyDelivered / throughput.elapsedMs) * 1000),
    throughputDelivered: `${throughput.fullyDelivered}/${throughput.sent}`,
    idleRssMiB: idle,
    loadedRssMiB: loaded,
    rssPerRoomMiB: (loaded - idle) / settings.rooms,
  };
}

function table(reports: readonly ServerReport[]): string {
  const f = (n: number, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : "–");
  const lines = [
    "| server | fan-out p50 ms | p95 ms | p99 ms | max ms | delivered | updates/s (offered → sent) | one-room max updates/s (fully delivered) | RSS idle → peak MiB | MiB per room |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
  ];
  for (const r of reports) {
    lines.push(
      `| ${r.kind} | ${f(r.latency.p50)} | ${f(r.latency.p95)} | ${f(r.latency.p99)} | ${f(r.latency.max)} | ${r.delivered} | ${r.offeredUpdatesPerSecond} → ${r.deliveredUpdatesPerSecond} | ${r.throughputUpdatesPerSecond} (${r.throughputDelivered}) | ${f(r.idleRssMiB, 0)} → ${f(r.loadedRssMiB, 0)} | ${f(r.rssPerRoomMiB)} |`,
    );
  }
  return lines.join("\n");
}

async function main(): Promise<void> {
  const reports: ServerReport[] = [];
  for (const kind of settings.servers) reports.push(await benchmark(kind));
  const { stdout: chromiumless } = await run("uname", ["-srm"]);
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${chromiumless.trim()}, Node ${process.version}`;
  const header = [
    `Date: ${new Date().toISOString()}`,
    `Machine: ${machine}`,
    `Workload: ${settings.rooms} rooms × (${settings.editors} editors + ${settings.observers} observers), ${settings.ratePerEditor} edits/s per editor for ${settings.seconds} s, clients in ${settings.clientProcesses} processes; one-room throughput for ${settings.throughputSeconds} s.`,
  ].join("\n");
  const output = `${header}\n\n${table(reports)}\n`;
  process.stdout.write(`\n${output}`);
  const resultsDir = join(here, "results");
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, `sync-${Date.now()}.md`), output);
  writeFileSync(join(resultsDir, `sync-${Date.now()}.json`), JSON.stringify({ settings, reports }, null, 2));
}

main().catch((error: unknown) => {
  process.stderr.write(`${String((error as Error).stack ?? error)}\n`);
  process.exit(1);
});
