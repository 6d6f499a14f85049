import type { SqliteDatabase } from "../db/database";
import { writeTransaction } from "../db/database";
import { createId } from "../db/secrets";

/** A coding that someone other than its coder removed, as the server recorded it. */
export interface CodingRemoval {
  readonly id: string;
  readonly transcriptId: string;
  readonly codingId: string;
  readonly codeId: string | null;
  readonly coderId: string;
  readonly removedBy: string | null;
  readonly removedByName: string | null;
  readonly quote: string;
  readonly removedAt: number;
}

interface RemovalRow {
  id: string;
  transcript_id: string;
  coding_id: string;
  code_id: string | null;
  coder_id: string;
  removed_by: string | null;
  removed_by_name: string | null;
  quote: string;
  removed_at: number;
}

/** Who removed whose coding, and when: the server's record, written as the removal is committed. */
export interface CodingRemovalStore {
  /** Records a removal and tells the coder in their inbox; returns the record. */
  add(
    input: Omit<CodingRemoval, "id" | "removedAt" | "removedByName"> & { projectId: string },
  ): CodingRemoval;
  /** A transcript's removals, newest first. */
  list(projectId: string, transcriptId: string): CodingRemoval[];
}

const QUOTE_LENGTH = 500;

/** The {@link CodingRemovalStore} over `db`. */
export function createCodingRemovalStore(
  db: SqliteDatabase,
  now: () => number = Date.now,
): CodingRemovalStore {
  const insert = db.prepare(
    `INSERT INTO coding_removals (id, project_id, transcript_id, coding_id, code_id, coder_id, removed_by, quote, removed_at)
     VALUES (@id, @project_id, @transcript_id, @coding_id, @code_id, @coder_id, @removed_by, @quote, @removed_at)`,
  );
  // The coder hears of it in their inbox, as a notification of its own kind, if they are a member.
  const notify = db.prepare(
    `INSERT INTO notifications (id, user_id, project_id, transcript_id, thread_id, comment_id, actor_id, excerpt, created_at, kind)
     SELECT @notification_id, m.user_id, m.project_id, @transcript_id, @coding_id, '', @removed_by, @quote, @removed_at, 'coding-removed'
     FROM memberships m WHERE m.project_id = @project_id AND m.user_id = @coder_id`,
  );
  const select = db.prepare<[string, string], RemovalRow>(
    `SELECT r.*, u.name AS removed_by_name FROM coding_removals r LEFT JOIN users u ON u.id = r.removed_by
     WHERE r.project_id = ? AND r.transcript_id = ? ORDER BY r.removed_at DESC, r.id`,
  );
  const toRemoval = (row: RemovalRow): CodingRemoval => ({
    id: row.id,
    transcriptId: row.transcript_id,
    codingId: row.coding_id,
    codeId: row.code_id,
    coderId: row.coder_id,
    removedBy: row.removed_by,
    removedByName: row.removed_by_name,
    quote: row.quote,
    removedAt: row.removed_at,
  });
  const add = writeTransaction(db, (input: Parameters<CodingRemovalStore["add"]>[0]): CodingRemoval => {
    const row = {
      id: createId(),
      project_id: input.projectId,
      transcript_id: input.transcriptId,
      coding_id: input.codingId,
      code_id: input.codeId,
      coder_id: input.coderId,
      removed_by: input.removedBy,
      quote: input.quote.slice(0, QUOTE_LENGTH),
      removed_at: now(),
    };
    insert.run(row);
    notify.run({ ...row, notification_id: createId() });
    return toRemoval({ ...row, removed_by_name: null });
  });
  return {
    add,
    list: (projectId, transcriptId) => select.all(projectId, transcriptId).map(toRemoval),
  };
}
