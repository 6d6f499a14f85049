import type { AgendaItem, AgreedPassage, MinutesDecision, Outcome, Tolerance } from "@concord/meetings";
import type { SqliteDatabase } from "../db/database";
import { createId } from "../db/secrets";

/** A consensus meeting: the agenda it started with, who facilitates, and whether attendees decide. */
export interface Meeting {
  readonly id: string;
  readonly projectId: string;
  readonly roundId: string | null;
  /** For a meeting on shared codings (no round): the transcripts and the coders compared. */
  readonly shared: SharedSource | null;
  readonly title: string;
  readonly tolerance: Tolerance;
  readonly agenda: readonly AgendaItem[];
  /** For a meeting on a round: the passages every coder coded alike, taken into the shared codings. */
  readonly agreed: readonly AgreedPassage[];
  readonly facilitatorId: string | null;
  /** Whether any attendee may decide, or only the facilitator. */
  readonly attendeesDecide: boolean;
  readonly createdBy: string | null;
  readonly createdAt: number;
  readonly endedAt: number | null;
}

/** What a meeting on shared codings compares: these coders' codings of these transcripts. */
export interface SharedSource {
  readonly transcriptIds: readonly string[];
  readonly coderIds: readonly string[];
}

/**
 * One attempt to decide an item: accepted (a version of the item's decision) or refused (it lost a
 * race); as the minutes read it, with its id and meeting.
 */
export interface Decision extends MinutesDecision {
  readonly id: string;
  readonly meetingId: string;
}

interface MeetingRow {
  id: string;
  project_id: string;
  round_id: string | null;
  source: string | null;
  title: string;
  tolerance: string;
  agenda: string;
  agreed: string;
  facilitator_id: string | null;
  attendees_decide: number;
  created_by: string | null;
  created_at: number;
  ended_at: number | null;
}

interface DecisionRow {
  id: string;
  meeting_id: string;
  item_id: string;
  version: number;
  outcome: string;
  rationale: string;
  attendees: string;
  decided_by: string;
  decided_at: number;
  accepted: number;
}

/** What deciding an item came to: the new version, or the version someone else decided first. */
export type DecideResult =
  | { readonly accepted: Decision; readonly replaces: Decision | null }
  | { readonly refused: Decision; readonly current: Decision | null };

/** Meetings and their decisions, in SQLite. The log keeps every attempt, in order. */
export interface MeetingStore {
  create(input: {
    projectId: string;
    roundId: string | null;
    shared?: SharedSource | null;
    title: string;
    tolerance: Tolerance;
    agenda: readonly AgendaItem[];
    agreed?: readonly AgreedPassage[];
    facilitatorId: string;
  }): Meeting;
  get(projectId: string, meetingId: string): Meeting | null;
  /** A meeting by its id alone (for the command line). */
  find(meetingId: string): Meeting | null;
  list(projectId: string): Meeting[];
  setFacilitator(meetingId: string, userId: string): void;
  setAttendeesDecide(meetingId: string, allowed: boolean): void;
  /** Every attempt to decide the meeting's items, oldest first. */
  log(meetingId: string): Decision[];
  /** Each item's current decision (the last accepted version). */
  current(meetingId: string): Map<string, Decision>;
  /**
   * Decides `itemId` as `basedOn` (the version the decider saw: 0 for an undecided item) says it
   * stood: accepted as version `basedOn + 1` if nobody decided it meanwhile, else recorded as refused.
   * One transaction, so of two racing deciders exactly one wins.
   */
  decide(input: {
    meetingId: string;
    itemId: string;
    basedOn: number;
    outcome: Outcome;
    rationale: string;
    attendees: readonly string[];
    decidedBy: string;
  }): DecideResult;
  /** Notes that `userId` has the meeting open now (the server calls it when they join its room). */
  noteAttendance(meetingId: string, userId: string): void;
  /** Who has had the meeting open, in the order they first joined. */
  attendance(meetingId: string): Attendance[];
}

/** Someone who had a meeting open: when they first joined and when they last did. */
export interface Attendance {
  readonly userId: string;
  readonly firstSeen: number;
  readonly lastSeen: number;
}

/** The {@link MeetingStore} over `db`. */
export function createMeetingStore(db: SqliteDatabase, now: () => number = Date.now): MeetingStore {
  const insertMeeting = db.prepare(
    `INSERT INTO meetings (id, project_id, round_id, source, title, tolerance, agenda, agreed, facilitator_id, created_by, created_at)
     VALUES (@id, @project_id, @round_id, @source, @title, @tolerance, @agenda, @agreed, @facilitator_id, @facilitator_id, @created_at)`,
  );
  const byId = db.prepare<[string, string], MeetingRow>(
    "SELECT * FROM meetings WHERE project_id = ? AND id = ?",
  );
  const byProject = db.prepare<[string], MeetingRow>(
    "SELECT * FROM meetings WHERE project_id = ? ORDER BY created_at, id",
  );
  const byMeetingId = db.prepare<[string], MeetingRow>("SELECT * FROM meetings WHERE id = ?");
  const facilitator = db.prepare("UPDATE meetings SET facilitator_id = ? WHERE id = ?");
  const attendeesDecide = db.prepare("UPDATE meetings SET attendees_decide = ? WHERE id = ?");
  const logOf = db.prepare<[string], DecisionRow>(
    "SELECT * FROM meeting_decisions WHERE meeting_id = ? ORDER BY decided_at, rowid",
  );
  const latest = db.prepare<[string, string], DecisionRow>(
    `SELECT * FROM meeting_decisions WHERE meeting_id = ? AND item_id = ? AND accepted = 1
     ORDER BY version DESC LIMIT 1`,
  );
  const insertDecision = db.prepare(
    `INSERT INTO meeting_decisions (id, meeting_id, item_id, version, outcome, rationale, attendees, decided_by, decided_at, accepted)
     VALUES (@id, @meeting_id, @item_id, @version, @outcome, @rationale, @attendees, @decided_by, @decided_at, @accepted)`,
  );
  const attend = db.prepare(
    `INSERT INTO meeting_attendance (meeting_id, user_id, first_seen, last_seen) VALUES (?, ?, ?, ?)
     ON CONFLICT (meeting_id, user_id) DO UPDATE SET last_seen = excluded.last_seen`,
  );
  const attendanceOf = db.prepare<[string], { user_id: string; first_seen: number; last_seen: number }>(
    "SELECT user_id, first_seen, last_seen FROM meeting_attendance WHERE meeting_id = ? ORDER BY first_seen, user_id",
  );
  const toMeeting = (row: MeetingRow): Meeting => ({
    id: row.id,
    projectId: row.project_id,
    roundId: row.round_id,
    shared: row.source ? (JSON.parse(row.source) as SharedSource) : null,
    title: row.title,
    tolerance: JSON.parse(row.tolerance) as Tolerance,
    agenda: JSON.parse(row.agenda) as AgendaItem[],
    agreed: JSON.parse(row.agreed) as AgreedPassage[],
    facilitatorId: row.facilitator_id,
    attendeesDecide: row.attendees_decide === 1,
    createdBy: row.created_by,
    createdAt: row.created_at,
    endedAt: row.ended_at,
  });
  const toDecision = (row: DecisionRow): Decision => ({
    id: row.id,
    meetingId: row.meeting_id,
    itemId: row.item_id,
    version: row.version,
    outcome: JSON.parse(row.outcome) as Outcome,
    rationale: row.rationale,
    attendees: JSON.parse(row.attendees) as string[],
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    accepted: row.accepted === 1,
  });
  const decide = db.transaction((input: Parameters<MeetingStore["decide"]>[0]): DecideResult => {
    const before = latest.get(input.meetingId, input.itemId);
    const current = before ? toDecision(before) : null;
    const accepted = (current?.version ?? 0) === input.basedOn;
    const row: DecisionRow = {
      id: createId(),
      meeting_id: input.meetingId,
      item_id: input.itemId,
      version: input.basedOn + 1,
      outcome: JSON.stringify(input.outcome),
      rationale: input.rationale,
      attendees: JSON.stringify(input.attendees),
      decided_by: input.decidedBy,
      decided_at: now(),
      accepted: accepted ? 1 : 0,
    };
    insertDecision.run(row);
    const decision = toDecision(row);
    return accepted ? { accepted: decision, replaces: current } : { refused: decision, current };
  });
  return {
    create(input) {
      const id = createId();
      insertMeeting.run({
        id,
        project_id: input.projectId,
        round_id: input.roundId,
        source: input.shared ? JSON.stringify(input.shared) : null,
        title: input.title,
        tolerance: JSON.stringify(input.tolerance),
        agenda: JSON.stringify(input.agenda),
        agreed: JSON.stringify(input.agreed ?? []),
        facilitator_id: input.facilitatorId,
        created_at: now(),
      });
      return toMeeting(byId.get(input.projectId, id) as MeetingRow);
    },
    get(projectId, meetingId) {
      const row = byId.get(projectId, meetingId);
      return row ? toMeeting(row) : null;
    },
    find(meetingId) {
      const row = byMeetingId.get(meetingId);
      return row ? toMeeting(row) : null;
    },
    list: (projectId) => byProject.all(projectId).map(toMeeting),
    setFacilitator: (meetingId, userId) => void facilitator.run(userId, meetingId),
    setAttendeesDecide: (meetingId, allowed) => void attendeesDecide.run(allowed ? 1 : 0, meetingId),
    log: (meetingId) => logOf.all(meetingId).map(toDecision),
    current(meetingId) {
      const result = new Map<string, Decision>();
      for (const decision of logOf.all(meetingId).map(toDecision)) {
        if (decision.accepted) result.set(decision.itemId, decision);
      }
      return result;
    },
    decide: (input) => decide(input),
    noteAttendance(meetingId, userId) {
      const at = now();
      attend.run(meetingId, userId, at, at);
    },
    attendance: (meetingId) =>
      attendanceOf.all(meetingId).map((row) => ({
        userId: row.user_id,
        firstSeen: row.first_seen,
        lastSeen: row.last_seen,
      })),
  };
}
