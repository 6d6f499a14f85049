import { mkdirSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { type Migration, migrations } from "./migrations";

/** An open SQLite database, as better-sqlite3 gives it. */
export type SqliteDatabase = Database.Database;

/** How to open the database. */
export interface OpenDatabaseOptions {
  /** Folder for `concord.sqlite`; created if missing. */
  readonly dataDir: string;
  readonly synchronous: "NORMAL" | "FULL";
}

/** Opens (creating if needed) the Concord database in WAL mode and brings its schema up to date. */
export function openDatabase(options: OpenDatabaseOptions): SqliteDatabase {
  mkdirSync(options.dataDir, { recursive: true });
  // Another process (the server, a second command) may hold the write lock: wait for it.
  const db = new Database(join(options.dataDir, "concord.sqlite"), { timeout: 10_000 });
  db.pragma("journal_mode = WAL");
  db.pragma(`synchronous = ${options.synchronous}`);
  db.pragma("foreign_keys = ON");
  migrate(db, migrations);
  return db;
}

/**
 * A write transaction that takes the write lock when it begins (BEGIN IMMEDIATE). SQLite's default,
 * deferred, takes it at the first write, and a transaction that read first cannot wait for another
 * process's lock then: it fails at once with "database is locked". Immediate ones wait their turn.
 */
export function writeTransaction<Args extends unknown[], Result>(
  db: SqliteDatabase,
  run: (...args: Args) => Result,
): (...args: Args) => Result {
  return db.transaction(run).immediate;
}

/**
 * Applies every migration newer than the database's, in one transaction that holds the write lock
 * (two commands started at once on a fresh folder: one migrates, the other then finds it done).
 */
export function migrate(db: SqliteDatabase, steps: readonly Migration[]): number[] {
  return writeTransaction(db, () => migrateLocked(db, steps))();
}

function migrateLocked(db: SqliteDatabase, steps: readonly Migration[]): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  )`);
  const applied = new Set(
    db
      .prepare("SELECT version FROM schema_migrations")
      .pluck()
      .all()
      .map((version) => Number(version)),
  );
  const record = db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)");
  const done: number[] = [];
  for (const step of [...steps].sort((a, b) => a.version - b.version)) {
    if (applied.has(step.version)) continue;
    db.exec(step.sql);
    record.run(step.version, step.name, Date.now());
    done.push(step.version);
  }
  return done;
}
