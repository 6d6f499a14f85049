import type { Round, RoundStatus } from "@concord/schema";
import type { SqliteDatabase } from "../db/database";
import { createId } from "../db/secrets";

interface RoundRow {
  id: string;
  project_id: string;
  name: string;
  code_ids: string | null;
  monitor: number;
  status: RoundStatus;
  created_by: string | null;
  created_at: number;
  closed_at: number | null;
  revealed_at: number | null;
}

/** What a new round is: the rest (id, status, times) is the store's. */
export interface NewRound {
  readonly projectId: string;
  readonly name: string;
  readonly transcriptIds: readonly string[];
  readonly coderIds: readonly string[];
  readonly codeIds: readonly string[] | null;
  readonly monitor: boolean;
  /** Who made it (null from the command line, when no owner is at hand). */
  readonly createdBy: string | null;
}

/** The moves a round's status may make: close it for coding, open it again, reveal it for good. */
const MOVES: Readonly<Record<RoundStatus, readonly RoundStatus[]>> = {
  open: ["closed"],
  closed: ["open", "revealed"],
  revealed: [],
};

/**
 * Coding rounds, in SQLite. A round's transcripts, coders and codes are fixed when it is made; only
 * its status moves, and only forward (a closed round may be opened again, a revealed one never).
 */
export interface RoundStore {
  create(round: NewRound): Round;
  get(projectId: string, roundId: string): Round | null;
  /** A round by its id alone, whatever its project (for the command line). */
  find(roundId: string): Round | null;
  /**
   * Whether `userId` codes the transcript blind: a coder of one of the project's rounds that
   * includes it and is not yet revealed (see `codesBlind` in @concord/schema).
   */
  codesBlind(projectId: string, transcriptId: string, userId: string): boolean;
  /** The round `userId` codes the transcript blind in (the oldest, if several), or null. */
  blindRoundOf(projectId: string, transcriptId: string, userId: string): string | null;
  /** A project's rounds, oldest first. */
  list(projectId: string): Round[];
  /**
   * Moves the round to `status`, or says why it cannot: "same" if it is there already, "refused" if
   * the move is not one a round makes (see {@link MOVES}). Checked and written in one transaction.
   */
  move(projectId: string, roundId: string, status: RoundStatus): Round | "same" | "refused" | null;
}

/** The {@link RoundStore} over `db`. */
export function createRoundStore(db: SqliteDatabase, now: () => number = Date.now): RoundStore {
  const insertRound = db.prepare(
    `INSERT INTO rounds (id, project_id, name, code_ids, monitor, status, created_by, created_at)
     VALUES (@id, @project_id, @name, @code_ids, @monitor, 'open', @created_by, @created_at)`,
  );
  const insertTranscript = db.prepare(
    "INSERT INTO round_transcripts (round_id, transcript_id, position) VALUES (?, ?, ?)",
  );
  const insertCoder = db.prepare("INSERT INTO round_coders (round_id, user_id, position) VALUES (?, ?, ?)");
  const byId = db.prepare<[string, string], RoundRow>("SELECT * FROM rounds WHERE project_id = ? AND id = ?");
  const byRoundId = db.prepare<[string], RoundRow>("SELECT * FROM rounds WHERE id = ?");
  const byProject = db.prepare<[string], RoundRow>(
    "SELECT * FROM rounds WHERE project_id = ? ORDER BY created_at, id",
  );
  const transcriptsOf = db.prepare<[string], { transcript_id: string }>(
    "SELECT transcript_id FROM round_transcripts WHERE round_id = ? ORDER BY position",
  );
  const codersOf = db.prepare<[string], { user_id: string }>(
    "SELECT user_id FROM round_coders WHERE round_id = ? ORDER BY position",
  );
  const blind = db
    .prepare<[string, string, string], string>(
      `SELECT r.id FROM rounds r
       JOIN round_transcripts t ON t.round_id = r.id AND t.transcript_id = ?
       JOIN round_coders c ON c.round_id = r.id AND c.user_id = ?
       WHERE r.project_id = ? AND r.status != 'revealed' ORDER BY r.created_at, r.id LIMIT 1`,
    )
    .pluck();
  const setStatus = db.prepare(
    `UPDATE rounds SET status = @status,
       closed_at = CASE WHEN @status = 'closed' THEN @at ELSE closed_at END,
       revealed_at = CASE WHEN @status = 'revealed' THEN @at ELSE revealed_at END
     WHERE id = @id`,
  );
  const toRound = (row: RoundRow): Round => ({
    id: row.id,
    projectId: row.project_id,
    name: row.name,
    transcriptIds: transcriptsOf.all(row.id).map((r) => r.transcript_id),
    coderIds: codersOf.all(row.id).map((r) => r.user_id),
    codeIds: row.code_ids === null ? null : (JSON.parse(row.code_ids) as string[]),
    monitor: row.monitor === 1,
    status: row.status,
    createdBy: row.created_by ?? "",
    createdAt: row.created_at,
    closedAt: row.closed_at,
    revealedAt: row.revealed_at,
  });
  const create = db.transaction((round: NewRound): string => {
    const id = createId();
    insertRound.run({
      id,
      project_id: round.projectId,
      name: round.name,
      code_ids: round.codeIds === null ? null : JSON.stringify(round.codeIds),
      monitor: round.monitor ? 1 : 0,
      created_by: round.createdBy,
      created_at: now(),
    });
    for (const [i, t] of round.transcriptIds.entries()) insertTranscript.run(id, t, i);
    for (const [i, u] of round.coderIds.entries()) insertCoder.run(id, u, i);
    return id;
  });
  const move = db.transaction((projectId: string, roundId: string, status: RoundStatus) => {
    const row = byId.get(projectId, roundId);
    if (!row) return null;
    if (row.status === status) return "same" as const;
    if (!MOVES[row.status].includes(status)) return "refused" as const;
    setStatus.run({ id: roundId, status, at: now() });
    return toRound(byId.get(projectId, roundId) as RoundRow);
  });
  return {
    create(round) {
      const id = create(round);
      return toRound(byId.get(round.projectId, id) as RoundRow);
    },
    get(projectId, roundId) {
      const row = byId.get(projectId, roundId);
      return row ? toRound(row) : null;
    },
    find(roundId) {
      const row = byRoundId.get(roundId);
      return row ? toRound(row) : null;
    },
    codesBlind: (projectId, transcriptId, userId) => blind.get(transcriptId, userId, projectId) !== undefined,
    blindRoundOf: (projectId, transcriptId, userId) => blind.get(transcriptId, userId, projectId) ?? null,
    list: (projectId) => byProject.all(projectId).map(toRound),
    move: (projectId, roundId, status) => move(projectId, roundId, status),
  };
}
