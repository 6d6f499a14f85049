import * as Y from "yjs";
import { openDatabase, type SqliteDatabase } from "../db/database";
import { createSqliteDocumentStorage } from "../db/sqlite-document-storage";

/** A room's document exactly as SQLite holds it (snapshot plus log), from an open database. */
export async function storedDocIn(db: SqliteDatabase, room: string): Promise<Y.Doc> {
  const { snapshot, updates } = await createSqliteDocumentStorage(db).load(room);
  const doc = new Y.Doc();
  if (snapshot) Y.applyUpdate(doc, snapshot);
  for (const update of updates) Y.applyUpdate(doc, update);
  return doc;
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
