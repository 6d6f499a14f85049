import type { SqliteDatabase } from "../db/database";

/** What kind of change a code went through. */
export type CodeChangeKind = "create" | "edit" | "merge" | "split";

/** One field of a code before and after a change (null before: the code was new). */
export interface FieldChange {
  readonly before: unknown;
  readonly after: unknown;
}

/** A meeting's part in a change: the meeting, the item it was on, and that item's decision then. */
export interface CodeChangeCause {
  readonly meetingId: string;
  readonly itemId: string;
  /** The item's decision when the change was made; null if the item was not decided yet. */
  readonly decisionId: string | null;
}

/** One change to one code, as the server accepted it. */
export interface CodeChange {
  readonly seq: number;
  readonly projectId: string;
  readonly codeId: string;
  readonly kind: CodeChangeKind;
  readonly fields: Readonly<Record<string, FieldChange>>;
  /** What the change was in words, when the fields alone do not say (a split: into which codes). */
  readonly note: string;
  readonly actorId: string | null;
  readonly at: number;
  readonly cause: CodeChangeCause | null;
}

export type NewCodeChange = Omit<CodeChange, "seq">;

interface CodeChangeRow {
  seq: number;
  project_id: string;
  code_id: string;
  kind: CodeChangeKind;
  fields: string;
  note: string;
  actor_id: string | null;
  at: number;
  meeting_id: string | null;
  item_id: string | null;
  decision_id: string | null;
}

function fromRow(row: CodeChangeRow): CodeChange {
  return {
    seq: row.seq,
    projectId: row.project_id,
    codeId: row.code_id,
    kind: row.kind,
    fields: JSON.parse(row.fields) as Record<string, FieldChange>,
    note: row.note,
    actorId: row.actor_id,
    at: row.at,
    cause:
      row.meeting_id && row.item_id
        ? { meetingId: row.meeting_id, itemId: row.item_id, decisionId: row.decision_id }
        : null,
  };
}

/** The history of every code of every project: who changed what, when, and for which meeting's item. */
export class CodeHistory {
  constructor(private readonly db: SqliteDatabase) {}

  record(change: NewCodeChange): void {
    this.db
      .prepare(
        `INSERT INTO code_changes (project_id, code_id, kind, fields, note, actor_id, at, meeting_id, item_id, decision_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        change.projectId,
        change.codeId,
        change.kind,
        JSON.stringify(change.fields),
        change.note,
        change.actorId,
        change.at,
        change.cause?.meetingId ?? null,
        change.cause?.itemId ?? null,
        change.cause?.decisionId ?? null,
      );
  }

  /**
   * Links the changes made on a meeting's item before it was decided to the decision that came of
   * it: a meeting refines a code and then decides the passage, both parts of one decision.
   */
  linkDecision(meetingId: string, itemId: string, decisionId: string): void {
    this.db
      .prepare(
        "UPDATE code_changes SET decision_id = ? WHERE meeting_id = ? AND item_id = ? AND decision_id IS NULL",
      )
      .run(decisionId, meetingId, itemId);
  }

  /** A code's changes, oldest first. */
  forCode(projectId: string, codeId: string): CodeChange[] {
    return (
      this.db
        .prepare("SELECT * FROM code_changes WHERE project_id = ? AND code_id = ? ORDER BY seq")
        .all(projectId, codeId) as CodeChangeRow[]
    ).map(fromRow);
  }

  /** The changes a meeting made, oldest first. */
  forMeeting(meetingId: string): CodeChange[] {
    return (
      this.db
        .prepare("SELECT * FROM code_changes WHERE meeting_id = ? ORDER BY seq")
        .all(meetingId) as CodeChangeRow[]
    ).map(fromRow);
  }
}
