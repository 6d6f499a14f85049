import { rmSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { createDataDir } from "../testing";
import { migrate, openDatabase } from "./database";
import { migrations } from "./migrations";

let dir = "";
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("the database", () => {
  it("opens in WAL mode with the whole schema applied", () => {
    dir = createDataDir();
    const db = openDatabase({ dataDir: dir, synchronous: "NORMAL" });
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    const versions = db.prepare("SELECT version FROM schema_migrations ORDER BY version").pluck().all();
    expect(versions).toEqual(migrations.map((m) => m.version));
    db.close();
  });

  it("applies each migration once, however often it is opened", () => {
    dir = createDataDir();
    openDatabase({ dataDir: dir, synchronous: "NORMAL" }).close();
    const db = openDatabase({ dataDir: dir, synchronous: "NORMAL" });
    expect(migrate(db, migrations)).toEqual([]);
    db.close();
  });

  it("rolls back a migration that fails, leaving the version unrecorded", () => {
    dir = createDataDir();
    const db = openDatabase({ dataDir: dir, synchronous: "NORMAL" });
    const broken = {
      version: 9999,
      name: "broken",
      sql: "CREATE TABLE half (x); SELECT nonsense FROM nowhere;",
    };
    expect(() => migrate(db, [broken])).toThrow();
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").all();
    expect(tables).toEqual([]);
    expect(db.prepare("SELECT count(*) FROM schema_migrations WHERE version = 9999").pluck().get()).toBe(0);
    db.close();
  });
});
