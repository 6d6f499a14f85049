// One client process of the benchmark: connects editors and observers for some rooms to one server,
// runs a phase, and prints a JSON result on stdout. Editors and observers of a room live in the same
// process so that a single clock times each update from edit to arrival.
import type * as Y from "yjs";
import { type Client, connect } from "./clients";

export type ServerKind = "concord" | "y-websocket" | "hocuspocus";

export interface WorkloadRequest {
  readonly kind: ServerKind;
  readonly port: number;
  readonly rooms: readonly string[];
  readonly editors: number;
  readonly observers: number;
  readonly phase: "latency" | "throughput";
  /** Latency phase: edits per second per editor. */
  readonly ratePerEditor: number;
  readonly durationMs: number;
  /** Concord: the personal API token the clients connect with, and its owner (the codings' coder). */
  readonly token?: string;
  readonly coderId: string;
}

export interface WorkloadResult {
  readonly latenciesMs: number[];
  readonly sent: number;
  /** Deliveries expected (sent × observers) and seen. */
  readonly expectedDeliveries: number;
  readonly deliveries: number;
  /** Throughput phase: updates that reached every observer, and the time it took. */
  readonly fullyDelivered: number;
  readonly elapsedMs: number;
}

async function connectInBatches(request: WorkloadRequest, perRoom: number) {
  const clients: Client[][] = [];
  for (const room of request.rooms) {
    const roomClients = Array.from({ length: perRoom }, () =>
      connect(request.kind, request.port, room, request.token),
    );
    await Promise.all(roomClients.map((c) => c.whenSynced()));
    clients.push(roomClients);
  }
  return clients;
}

/** Milliseconds since the epoch, to the microsecond: one clock for editors and observers of a process. */
function clock(): number {
  return performance.timeOrigin + performance.now();
}

// A well-formed anchor (two positions that decode, a quote): Concord's rules accept the coding,
// and every server stores the same bytes.
const ANCHOR = { start: "AAAB", end: "AAAB", quote: { prefix: "", exact: "co-production", suffix: "" } };

/** One edit: a coding, as Concord's web app writes it, with its send time as `createdAt`. */
function code(doc: Y.Doc, id: string, coderId: string): void {
  doc
    .getMap<string>("codings")
    .set(id, JSON.stringify({ codeId: "c", coderId, anchor: ANCHOR, createdAt: clock() }));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function run(request: WorkloadRequest): Promise<WorkloadResult> {
  const perRoom = request.editors + request.observers;
  const rooms = await connectInBatches(request, perRoom);
  const latencies: number[] = [];
  let deliveries = 0;
  const arrivals = new Map<string, number>();
  let lastArrival = 0;
  for (const clients of rooms) {
    for (const observer of clients.slice(request.editors)) {
      const codings = observer.doc.getMap<string>("codings");
      codings.observe((event) => {
        const now = clock();
        for (const key of event.keysChanged) {
          const value = codings.get(key);
          if (value === undefined) continue;
          latencies.push(now - (JSON.parse(value) as { createdAt: number }).createdAt);
          deliveries += 1;
          arrivals.set(key, (arrivals.get(key) ?? 0) + 1);
          lastArrival = performance.now();
        }
      });
    }
  }
  // Let connection set-up traffic settle before timing anything.
  await sleep(1000);
  let sent = 0;
  const started = performance.now();
  if (request.phase === "latency") {
    const interval = 1000 / request.ratePerEditor;
    const timers = rooms.flatMap((clients, r) =>
      clients.slice(0, request.editors).map((editor, e) => {
        let n = 0;
        // Stagger editors so that their edits do not all land in the same tick.
        const offset = ((r * request.editors + e) / (rooms.length * request.editors)) * interval;
        return new Promise<ReturnType<typeof setInterval>>((resolve) =>
          setTimeout(() => {
            resolve(
              setInterval(() => {
                code(editor.doc, `k${r}-${e}-${n++}`, request.coderId);
                sent += 1;
              }, interval),
            );
          }, offset),
        );
      }),
    );
    const handles = await Promise.all(timers);
    await sleep(request.durationMs);
    for (const handle of handles) clearInterval(handle);
  } else {
    const deadline = started + request.durationMs;
    while (performance.now() < deadline) {
      for (const [r, clients] of rooms.entries()) {
        for (const [e, editor] of clients.slice(0, request.editors).entries()) {
          code(editor.doc, `k${r}-${e}-${sent}`, request.coderId);
          sent += 1;
        }
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  // Wait for stragglers: until deliveries stop growing for two seconds, or all arrived.
  const expectedDeliveries = sent * request.observers;
  for (let quiet = 0, last = -1; quiet < 4 && deliveries < expectedDeliveries; ) {
    await sleep(500);
    quiet = deliveries === last ? quiet + 1 : 0;
    last = deliveries;
  }
  const fullyDelivered = [...arrivals.values()].filter((count) => count === request.observers).length;
  for (const clients of rooms) for (const client of clients) client.destroy();
  return {
    latenciesMs: request.phase === "latency" ? latencies : [],
    sent,
    expectedDeliveries,
    deliveries,
    fullyDelivered,
    elapsedMs: lastArrival - started,
  };
}

const request = JSON.parse(process.argv[2] ?? "{}") as WorkloadRequest;
run(request).then(
  (result) => {
    // Exit only once the pipe has taken everything: a large result would be cut off otherwise.
    process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(0));
  },
  (error: unknown) => {
    process.stderr.write(`${String((error as Error).stack ?? error)}\n`);
    process.exit(1);
  },
);
