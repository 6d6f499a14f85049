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
  const db = new Database(join(options.dataDir, "concord.sqlite"));
  db.pragma("journal_mode = WAL");
  db.pragma(`synchronous = ${options.synchronous}`);
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  migrate(db, migrations);
  return db;
}

/** Applies every migration newer than the database's, each in its own transaction. */
export function migrate(db: SqliteDatabase, steps: readonly Migration[]): number[] {
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
    db.transaction(() => {
      db.exec(step.sql);
      record.run(step.version, step.name, Date.now());
    })();
    done.push(step.version);
  }
  return done;
}
