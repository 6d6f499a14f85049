import { documentFromStorage } from "@concord/sync";
import type * as Y from "yjs";
import { openDatabase, type SqliteDatabase } from "../db/database";
import { createSqliteDocumentStorage } from "../db/sqlite-document-storage";

/** A room's document exactly as SQLite holds it (snapshot plus log), from an open database. */
export async function storedDocIn(db: SqliteDatabase, room: string): Promise<Y.Doc> {
  return documentFromStorage(await createSqliteDocumentStorage(db).load(room));
}

/** A room's document as stored in `dataDir`, read through a connection of its own. */
export async function storedDoc(dataDir: string, room: string): Promise<Y.Doc> {
  const db = openDatabase({ dataDir, synchronous: "NORMAL" });
  try {
    return await storedDocIn(db, room);
  } finally {
    db.close();
  }
}
