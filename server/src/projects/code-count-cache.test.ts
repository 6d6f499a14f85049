import { rmSync } from "node:fs";
import { applyCode } from "@concord/anchoring";
import { seedTranscriptUpdate } from "@concord/schema";
import { documentFromStorage } from "@concord/sync";
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { openDatabase, type SqliteDatabase } from "../db/database";
import { createSqliteDocumentStorage } from "../db/sqlite-document-storage";
import { createDataDir } from "../testing";
import { createCodeCountCache } from "./code-count-cache";

let db: SqliteDatabase;
let dataDir: string;
afterEach(() => {
  db.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("code counts kept per transcript", () => {
  it("read a document once while it is unchanged, and again after any change, compaction included", async () => {
    dataDir = createDataDir();
    db = openDatabase({ dataDir, synchronous: "NORMAL" });
    const storage = createSqliteDocumentStorage(db);
    const room = "transcript.p.t";
    const doc = new Y.Doc();
    Y.applyUpdate(
      doc,
      seedTranscriptUpdate([{ kind: "turn", speaker: "A", text: "Sustaining change needs funding." }]),
    );
    await storage.append(room, Y.encodeStateAsUpdate(doc));
    let reads = 0;
    const cache = createCodeCountCache(db, async (name) => {
      reads += 1;
      return documentFromStorage(await storage.load(name));
    });
    const code = async (codeId: string) => {
      const before = Y.encodeStateVector(doc);
      applyCode(doc, doc, { start: 0, end: 10 }, codeId, "u");
      await storage.append(room, Y.encodeStateAsUpdate(doc, before));
    };
    await code("sustaining");
    expect([...(await cache.countsOf(room))]).toEqual([["sustaining", 1]]);
    expect([...(await cache.countsOf(room))]).toEqual([["sustaining", 1]]);
    expect(reads).toBe(1);
    await code("funding");
    expect(Object.fromEntries(await cache.countsOf(room))).toEqual({ sustaining: 1, funding: 1 });
    expect(reads).toBe(2);
    // Folding the log into a snapshot keeps the newest sequence number: nothing to read again.
    const { lastSeq } = await storage.load(room);
    await storage.compact(room, Y.encodeStateAsUpdate(doc), lastSeq);
    await cache.countsOf(room);
    expect(reads).toBe(2);
  });

  it("count a room noted as uncoded without reading it, until it changes", async () => {
    dataDir = createDataDir();
    db = openDatabase({ dataDir, synchronous: "NORMAL" });
    const storage = createSqliteDocumentStorage(db);
    const room = "transcript.p.new";
    const doc = new Y.Doc();
    Y.applyUpdate(doc, seedTranscriptUpdate([{ kind: "turn", speaker: "A", text: "A long import." }]));
    await storage.append(room, Y.encodeStateAsUpdate(doc));
    let reads = 0;
    const cache = createCodeCountCache(db, async (name) => {
      reads += 1;
      return documentFromStorage(await storage.load(name));
    });
    cache.noteUncoded(room);
    expect([...(await cache.countsOf(room))]).toEqual([]);
    expect(reads).toBe(0);
    const before = Y.encodeStateVector(doc);
    applyCode(doc, doc, { start: 0, end: 6 }, "sustaining", "u");
    await storage.append(room, Y.encodeStateAsUpdate(doc, before));
    expect([...(await cache.countsOf(room))]).toEqual([["sustaining", 1]]);
    expect(reads).toBe(1);
  });
});
