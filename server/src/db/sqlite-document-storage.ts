import type { DocumentStorage, StoredDocument } from "@concord/sync";
import type { SqliteDatabase } from "./database";
import { writeTransaction } from "./database";

function bytes(value: Buffer): Uint8Array {
  return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
}

function buffer(value: Uint8Array): Buffer {
  return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
}

/**
 * Appends an update to a room's log inside whatever transaction the caller holds, and returns its
 * sequence number. For writes that must commit together with relational rows (a new transcript's
 * seed and its row), and only for rooms no server has loaded.
 */
export function appendUpdateNow(db: SqliteDatabase, room: string, update: Uint8Array): number {
  return Number(
    db.prepare("INSERT INTO document_updates (room, data) VALUES (?, ?)").run(room, buffer(update))
      .lastInsertRowid,
  );
}

/**
 * Room documents in SQLite: one row per update in `document_updates`, folded into
 * `document_snapshots` by compaction. better-sqlite3 is synchronous, so each append is committed
 * when the returned promise is created.
 */
export function createSqliteDocumentStorage(db: SqliteDatabase): DocumentStorage {
  const selectSnapshot = db.prepare<[string], { data: Buffer; through_seq: number }>(
    "SELECT data, through_seq FROM document_snapshots WHERE room = ?",
  );
  const selectUpdates = db.prepare<[string], { seq: number; data: Buffer }>(
    "SELECT seq, data FROM document_updates WHERE room = ? ORDER BY seq",
  );
  const insertUpdate = db.prepare<[string, Buffer]>(
    "INSERT INTO document_updates (room, data) VALUES (?, ?)",
  );
  const deleteThrough = db.prepare<[string, number]>(
    "DELETE FROM document_updates WHERE room = ? AND seq <= ?",
  );
  const upsertSnapshot = db.prepare<[string, Buffer, number, number]>(
    `INSERT INTO document_snapshots (room, data, through_seq, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (room) DO UPDATE SET data = excluded.data, through_seq = excluded.through_seq,
       updated_at = excluded.updated_at`,
  );
  const countUpdates = db
    .prepare<[string], number>("SELECT count(*) FROM document_updates WHERE room = ?")
    .pluck();

  const load = db.transaction((room: string): StoredDocument => {
    const snapshot = selectSnapshot.get(room);
    const rows = selectUpdates.all(room);
    const lastRow = rows.at(-1);
    return {
      snapshot: snapshot ? bytes(snapshot.data) : null,
      updates: rows.map((row) => bytes(row.data)),
      lastSeq: lastRow ? lastRow.seq : (snapshot?.through_seq ?? 0),
    };
  });
  const compact = writeTransaction(db, (room: string, snapshot: Uint8Array, throughSeq: number) => {
    deleteThrough.run(room, throughSeq);
    upsertSnapshot.run(room, buffer(snapshot), throughSeq, Date.now());
  });

  return {
    async load(room) {
      return load(room);
    },
    async append(room, update) {
      return Number(insertUpdate.run(room, buffer(update)).lastInsertRowid);
    },
    async compact(room, snapshot, throughSeq) {
      compact(room, snapshot, throughSeq);
    },
    async countUpdates(room) {
      return countUpdates.get(room) ?? 0;
    },
  };
}
