import { rmSync } from "node:fs";
import { describeDocumentStorageContract } from "@concord/sync/testing";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createDataDir } from "../testing";
import { openDatabase, type SqliteDatabase } from "./database";
import { createSqliteDocumentStorage } from "./sqlite-document-storage";

const open = new Map<object, { db: SqliteDatabase; dir: string }>();

describeDocumentStorageContract("the SQLite storage", {
  create() {
    const dir = createDataDir();
    const db = openDatabase({ dataDir: dir, synchronous: "NORMAL" });
    const storage = createSqliteDocumentStorage(db);
    open.set(storage, { db, dir });
    return storage;
  },
  dispose(storage) {
    const entry = open.get(storage);
    entry?.db.close();
    if (entry) rmSync(entry.dir, { recursive: true, force: true });
  },
});

describe("the SQLite storage on disk", () => {
  it("keeps appended updates and snapshots across closing and reopening the file", async () => {
    const dir = createDataDir();
    try {
      const doc = new Y.Doc();
      let db = openDatabase({ dataDir: dir, synchronous: "FULL" });
      let storage = createSqliteDocumentStorage(db);
      doc.getText("t").insert(0, "snap");
      const through = await storage.append("r", Y.encodeStateAsUpdate(doc));
      await storage.compact("r", Y.encodeStateAsUpdate(doc), through);
      const before = Y.encodeStateVector(doc);
      doc.getText("t").insert(4, "+log");
      await storage.append("r", Y.encodeStateAsUpdate(doc, before));
      db.close();

      db = openDatabase({ dataDir: dir, synchronous: "FULL" });
      storage = createSqliteDocumentStorage(db);
      const stored = await storage.load("r");
      const copy = new Y.Doc();
      if (stored.snapshot) Y.applyUpdate(copy, stored.snapshot);
      for (const update of stored.updates) Y.applyUpdate(copy, update);
      expect(copy.getText("t").toString()).toBe("snap+log");
      expect(stored.lastSeq).toBeGreaterThan(through);
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
