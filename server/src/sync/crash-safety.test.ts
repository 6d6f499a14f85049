import { rmSync } from "node:fs";
import { createAnchor, indexTranscript } from "@concord/anchoring";
import { transcriptCodings, transcriptContent, writeCoding } from "@concord/schema";
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { openDatabase } from "../db/database";
import { createSqliteDocumentStorage } from "../db/sqlite-document-storage";
import {
  connectStockClient,
  createDataDir,
  eventually,
  freePort,
  type ServerProcess,
  type StockClient,
  seedProject,
  startServerProcess,
  storedDoc,
  whenSynced,
} from "../testing";

const WRITERS = 7;

let processes: ServerProcess[] = [];
let clients: StockClient[] = [];
let dataDir = "";
let ROOM = "";
let ownerId = "";
let token = "";

/** A fresh data folder with an owner, a project and a token; the room is one of its transcripts. */
function prepareDataDir(): void {
  dataDir = createDataDir();
  const seeded = seedProject(dataDir);
  ROOM = `transcript.${seeded.projectId}.${seeded.transcriptId}`;
  ownerId = seeded.userId;
  token = seeded.token;
}

afterEach(() => {
  for (const c of clients) c.destroy();
  clients = [];
  for (const p of processes) p.child.kill("SIGKILL");
  processes = [];
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/**
 * A writer codes the transcript again and again, its codings numbered 0, 1, 2, …, so a gap or a
 * missing tail shows a lost update. (The owner writes, as real codings, so the document rules pass.)
 */
interface Writer {
  readonly client: StockClient;
  readonly index: number;
  /** Updates this client received from the server (origin = its provider). */
  readonly received: Uint8Array[];
  next: number;
}

function startWriter(wsUrl: string, index: number): Writer {
  const client = connectStockClient(wsUrl, ROOM, { params: { token } });
  const writer: Writer = {
    client,
    index,
    received: [],
    next: 0,
  };
  client.doc.on("update", (update: Uint8Array, origin: unknown) => {
    if (origin === client.provider) writer.received.push(update);
  });
  return writer;
}

function writeFor(writers: readonly Writer[], ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      for (const w of writers) {
        const { doc } = w.client;
        const anchor = createAnchor(indexTranscript(transcriptContent(doc)), 0, 4);
        writeCoding(doc, codingId(w.index, w.next), {
          codeId: "c1",
          coderId: ownerId,
          anchor,
          createdAt: Date.now(),
        });
        w.next += 1;
      }
    }, 4);
    setTimeout(() => {
      clearInterval(timer);
      resolve();
    }, ms);
  });
}

function codingId(writer: number, n: number): string {
  return `w${writer}x${n}`;
}

/** How many of a writer's numbered codings `doc` holds, counting from 0 until the first gap. */
function codingsOf(doc: Y.Doc, writer: number): number {
  const codings = transcriptCodings(doc);
  let n = 0;
  while (codings.has(codingId(writer, n))) n += 1;
  return n;
}

/** Whether applying `update` to a copy of `doc` would change anything. */
function addsAnything(doc: Y.Doc, update: Uint8Array): boolean {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  let changed = false;
  copy.on("update", () => {
    changed = true;
  });
  Y.applyUpdate(copy, update);
  return changed || copy.store.pendingStructs !== null;
}

describe("a server killed with SIGKILL while seven clients write", () => {
  it("keeps every update any client had received, and the clients converge after a restart", async () => {
    prepareDataDir();
    const port = await freePort();
    // Compact often so that the kill can land in the middle of a compaction too.
    const env = { COMPACT_EVERY: "50" };
    const first = await startServerProcess({ port, dataDir, env });
    processes.push(first);
    const writers = Array.from({ length: WRITERS }, (_, i) => startWriter(first.wsUrl, i));
    clients = writers.map((w) => w.client);
    await Promise.all(clients.map((c) => whenSynced(c)));

    await writeFor(writers, 1500);
    first.child.kill("SIGKILL");
    expect(await first.exited).toBe("SIGKILL");
    const receivedBeforeKill = Y.mergeUpdates(writers.flatMap((w) => w.received));
    const receivedCount = writers.reduce((sum, w) => sum + w.received.length, 0);
    expect(receivedCount).toBeGreaterThan(100);

    const survived = await storedDoc(dataDir, ROOM);
    expect(addsAnything(survived, receivedBeforeKill)).toBe(false);

    // The clients keep editing while the server is down.
    await writeFor(writers, 400);
    const second = await startServerProcess({ port, dataDir, env });
    processes.push(second);
    await writeFor(writers, 400);

    await Promise.all(clients.map((c) => whenSynced(c, 20_000)));
    await eventually(() => {
      for (const w of writers) {
        for (const [i, other] of writers.entries()) {
          expect(codingsOf(w.client.doc, i)).toBe(other.next);
        }
      }
    }, 20_000);

    const fresh = connectStockClient(second.wsUrl, ROOM, { params: { token } });
    clients.push(fresh);
    await whenSynced(fresh);
    for (const [i, w] of writers.entries()) {
      expect(codingsOf(fresh.doc, i)).toBe(w.next);
    }
  });
});

describe("a server stopped with SIGTERM", () => {
  it("commits and compacts every room, then exits cleanly", async () => {
    prepareDataDir();
    const port = await freePort();
    const server = await startServerProcess({ port, dataDir });
    processes.push(server);
    const writer = startWriter(server.wsUrl, 0);
    clients = [writer.client];
    await whenSynced(writer.client);
    await writeFor([writer], 300);
    await eventually(async () => expect(codingsOf(await storedDoc(dataDir, ROOM), 0)).toBe(writer.next));
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
    const db = openDatabase({ dataDir, synchronous: "NORMAL" });
    try {
      expect(await createSqliteDocumentStorage(db).countUpdates(ROOM)).toBe(0);
    } finally {
      db.close();
    }
    expect(codingsOf(await storedDoc(dataDir, ROOM), 0)).toBe(writer.next);
  });
});
