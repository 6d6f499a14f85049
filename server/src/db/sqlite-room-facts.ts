import type { ClientLog, RefusalLog, RefusedWrite } from "@concord/sync";
import type { SqliteDatabase } from "./database";
import { writeTransaction } from "./database";

interface RefusedRow {
  kind: "client" | "deletion";
  principal: string;
  client: number;
  clock: number;
  len: number;
}

/** Refused writes in `refused_writes`, so a refusal holds across restarts. */
export function createSqliteRefusalLog(db: SqliteDatabase, now: () => number = Date.now): RefusalLog {
  const select = db.prepare<[string], RefusedRow>(
    "SELECT kind, principal, client, clock, len FROM refused_writes WHERE room = ?",
  );
  const insert = db.prepare(
    "INSERT INTO refused_writes (room, principal, kind, client, clock, len, refused_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
  );
  const addAll = writeTransaction(db, (room: string, writes: readonly RefusedWrite[]) => {
    const at = now();
    for (const write of writes) {
      const len = write.kind === "deletion" ? write.len : 0;
      insert.run(room, write.principal, write.kind, write.client, write.clock, len, at);
    }
  });
  return {
    async load(room) {
      return select.all(room).map(
        (row): RefusedWrite =>
          row.kind === "client"
            ? { kind: "client", principal: row.principal, client: row.client, clock: row.clock }
            : {
                kind: "deletion",
                principal: row.principal,
                client: row.client,
                clock: row.clock,
                len: row.len,
              },
      );
    },
    async add(room, writes) {
      addAll(room, writes);
    },
  };
}

/** Who writes with each client id of each room, in `document_clients`, across restarts. */
export function createSqliteClientLog(db: SqliteDatabase): ClientLog {
  const select = db.prepare<[string], { client: number; principal: string }>(
    "SELECT client, principal FROM document_clients WHERE room = ?",
  );
  const insert = db.prepare<[string, number, string]>(
    "INSERT OR IGNORE INTO document_clients (room, client, principal) VALUES (?, ?, ?)",
  );
  return {
    async load(room) {
      return new Map(select.all(room).map((row) => [row.client, row.principal]));
    },
    async add(room, client, principal) {
      insert.run(room, client, principal);
    },
  };
}
