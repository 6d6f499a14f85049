import { rmSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase, type SqliteDatabase } from "../db/database";
import { createSqliteDocumentStorage } from "../db/sqlite-document-storage";
import { createDataDir } from "../testing";
import { createProjectStorage } from "./project-storage";

let dataDir = "";
let db: SqliteDatabase | null = null;

afterEach(() => {
  db?.close();
  db = null;
  rmSync(dataDir, { recursive: true, force: true });
});

describe("a project's storage", () => {
  it("counts its own rooms only, even when its id holds characters LIKE would read as wildcards", async () => {
    dataDir = createDataDir();
    db = openDatabase({ dataDir, synchronous: "NORMAL" });
    const documents = createSqliteDocumentStorage(db);
    await documents.append("transcript.ab_d.t1", new Uint8Array(100));
    await documents.append("layer.ab_d.t1.r.u", new Uint8Array(10));
    await documents.append("transcript.abXd.t1", new Uint8Array(1000));
    await documents.append("layer.abXd.t1.r.u", new Uint8Array(5000));
    await documents.append("discussion.ab%d.t1", new Uint8Array(3000));
    const storage = createProjectStorage(db, 1_000_000);
    expect(storage.bytesOf("ab_d")).toBe(110);
    expect(storage.bytesOf("abXd")).toBe(6000);
  });
});
