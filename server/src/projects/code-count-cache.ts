import { forEachDistinctCoding } from "@concord/schema";
import type * as Y from "yjs";
import type { SqliteDatabase } from "../db/database";

/**
 * Codings per code in each transcript, kept until the transcript's document changes. Every change to
 * a room's document is an appended row, so the newest sequence number stored for the room (in its log
 * or folded into its snapshot) says whether a count is still right: one indexed query instead of
 * reading the document.
 */
export interface CodeCountCache {
  /** Codings per code id (raw ids; merges are the reader's) in the room's document. */
  countsOf(room: string): Promise<ReadonlyMap<string, number>>;
  /** Notes that a room just created holds no codings (so a large import is not read back to count). */
  noteUncoded(room: string): void;
}

/** The {@link CodeCountCache} over `db`, reading documents with `read` when a count is stale. */
export function createCodeCountCache(
  db: SqliteDatabase,
  read: (room: string) => Promise<Y.Doc>,
): CodeCountCache {
  const newest = db
    .prepare<[string, string], number | null>(
      `SELECT max(seq) FROM (SELECT max(seq) AS seq FROM document_updates WHERE room = ?
         UNION ALL SELECT through_seq AS seq FROM document_snapshots WHERE room = ?)`,
    )
    .pluck();
  const kept = new Map<string, { seq: number; counts: Map<string, number> }>();
  return {
    async countsOf(room) {
      const seq = newest.get(room, room) ?? 0;
      const known = kept.get(room);
      if (known?.seq === seq) return known.counts;
      const counts = new Map<string, number>();
      forEachDistinctCoding(await read(room), (coding) =>
        counts.set(coding.codeId, (counts.get(coding.codeId) ?? 0) + 1),
      );
      kept.set(room, { seq, counts });
      return counts;
    },
    noteUncoded(room) {
      kept.set(room, { seq: newest.get(room, room) ?? 0, counts: new Map() });
    },
  };
}
