import { hasLegacyTurns, migrateLegacyTurns } from "@concord/anchoring";
import { listThreads, reattachThread } from "@concord/discussion";
import { formatRoomName, type StoredAnchor } from "@concord/schema";
import type { Logger } from "@concord/sync";
import { type DocumentStorage, documentFromStorage } from "@concord/sync";
import * as Y from "yjs";
import type { SqliteDatabase } from "../db/database";

/** What {@link migrateStoredDocuments} changed. */
export interface DocumentMigrationReport {
  readonly transcripts: number;
}

const TURN_PARAGRAPHS = "turn paragraphs";

/** Applies `change` to a stored room's document as the server and stores what it changed. */
async function changeStored(
  storage: DocumentStorage,
  room: string,
  doc: Y.Doc,
  change: () => void,
): Promise<void> {
  const before = Y.encodeStateVector(doc);
  change();
  const update = Y.encodeStateAsUpdate(doc, before);
  if (update.length > 2) await storage.append(room, update);
}

/**
 * Brings documents stored by earlier versions to today's shapes, once per data folder, before the
 * server opens any room: transcripts whose turns held their text directly (before turns had
 * paragraphs) get turn > paragraph, with their codings and their threads' passages placed again at
 * the same offsets.
 */
export async function migrateStoredDocuments(
  db: SqliteDatabase,
  storage: DocumentStorage,
  logger: Logger,
): Promise<DocumentMigrationReport> {
  const done = db.prepare<[string], number>("SELECT 1 FROM document_migrations WHERE name = ?").pluck();
  if (done.get(TURN_PARAGRAPHS)) return { transcripts: 0 };
  const transcripts = db
    .prepare<[], { project_id: string; id: string }>("SELECT project_id, id FROM transcripts")
    .all();
  let migrated = 0;
  for (const { project_id: projectId, id: transcriptId } of transcripts) {
    const room = formatRoomName({ kind: "transcript", projectId, transcriptId });
    const doc = documentFromStorage(await storage.load(room));
    if (!hasLegacyTurns(doc)) continue;
    const discussionRoom = formatRoomName({ kind: "discussion", projectId, transcriptId });
    const discussion = documentFromStorage(await storage.load(discussionRoom));
    const threads = listThreads(discussion).flatMap((thread) =>
      thread.target.kind === "code" ? [] : [{ id: thread.id, anchor: thread.target.anchor }],
    );
    let moved: readonly (StoredAnchor | null)[] = [];
    await changeStored(storage, room, doc, () => {
      moved =
        migrateLegacyTurns(
          doc,
          threads.map((t) => t.anchor),
        )?.others ?? [];
    });
    await changeStored(storage, discussionRoom, discussion, () => {
      threads.forEach((thread, i) => {
        const anchor = moved[i];
        if (anchor) reattachThread(discussion, thread.id, anchor);
      });
    });
    migrated += 1;
  }
  db.prepare("INSERT INTO document_migrations (name, done_at) VALUES (?, ?)").run(
    TURN_PARAGRAPHS,
    Date.now(),
  );
  if (migrated > 0)
    logger.info({ transcripts: migrated }, "gave the turns of earlier transcripts their paragraphs");
  return { transcripts: migrated };
}
