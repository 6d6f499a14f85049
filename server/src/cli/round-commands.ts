import { AGREEMENT_UNITS, type AgreementUnit } from "@concord/agreement";
import { type Tolerance, toleranceOf } from "@concord/meetings";
import { formatRoomName, type Round, type RoundStatus } from "@concord/schema";
import { documentFromStorage } from "@concord/sync";
import { createUserStore } from "../accounts/user-store";
import { createAuditLog } from "../db/audit-log";
import type { SqliteDatabase } from "../db/database";
import { createSqliteDocumentStorage } from "../db/sqlite-document-storage";
import { CodeHistory } from "../projects/code-history";
import { meetingMinutes } from "../projects/meeting-minutes";
import { createMeetingStore } from "../projects/meeting-store";
import { createProjectStore } from "../projects/project-store";
import { roundAgenda } from "../projects/round-agenda";
import { roundCandidates } from "../projects/round-candidates";
import { agreementOf } from "../projects/round-figures";
import { readRoundLayers } from "../projects/round-layers";
import { roundProblem } from "../projects/round-request";
import { createRoundStore } from "../projects/round-store";
import { createTranscriptStore } from "../projects/transcript-store";
import { CliError } from "./admin-commands";

/** `--tolerance`: a number of characters (0 if not given), or "turn". */
function toleranceFrom(value: string | undefined): Tolerance {
  if (value === undefined || value === "turn") return toleranceOf(value);
  const characters = Number(value);
  if (!Number.isSafeInteger(characters) || characters < 0)
    throw new CliError('The tolerance is a whole number of characters, or "turn".');
  return toleranceOf(characters);
}

/** A comma-separated list on the command line, without blanks. */
function listOf(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);
}

/**
 * Coding rounds from the command line, straight on the database like the other commands. A server
 * running on the same data folder takes a close at once (it reads the round for every write into a
 * layer); pages open at that moment see a reveal when they next load.
 */
export function createRoundCommands(db: SqliteDatabase) {
  const rounds = createRoundStore(db);
  const projects = createProjectStore(db);
  const transcripts = createTranscriptStore(db);
  const users = createUserStore(db);
  const audit = createAuditLog(db);
  const storage = createSqliteDocumentStorage(db);
  const meetings = createMeetingStore(db);
  const codeHistory = new CodeHistory(db);
  const rooms = { read: async (room: string) => documentFromStorage(await storage.load(room)) };

  const roundById = (roundId: string): Round => {
    const round = rounds.find(roundId);
    if (!round) throw new CliError(`There is no round ${roundId}.`);
    return round;
  };

  const move = (roundId: string, status: RoundStatus, words: string) => {
    const round = roundById(roundId);
    const moved = rounds.move(round.projectId, round.id, status);
    if (moved === "refused") throw new CliError(words);
    if (moved === "same" || moved === null) return { round: rounds.find(roundId) as Round };
    audit.record({ actorId: null, action: `round.${status}`, projectId: round.projectId, subject: round.id });
    return { round: moved };
  };

  return {
    async createRound(input: {
      projectId: string;
      name: string;
      transcripts: string;
      coders: string;
      codes?: string;
      monitor?: boolean;
    }) {
      const project = projects.get(input.projectId);
      if (!project) throw new CliError(`There is no project ${input.projectId}.`);
      const coderIds = listOf(input.coders).map((email) => {
        const user = users.findByEmail(email);
        if (!user) throw new CliError(`No account has the email ${email}.`);
        return user.id;
      });
      const request = {
        name: input.name.trim(),
        transcriptIds: listOf(input.transcripts),
        coderIds,
        codeIds: input.codes === undefined ? null : listOf(input.codes),
        monitor: input.monitor ?? false,
      };
      const projectDoc = await rooms.read(formatRoomName({ kind: "project", projectId: project.id }));
      const problem = roundProblem(
        request,
        roundCandidates(project.id, { projects, transcripts }, projectDoc),
      );
      if (problem) throw new CliError(problem);
      const owner = projects.members(project.id).find((m) => m.role === "owner");
      const round = rounds.create({ ...request, projectId: project.id, createdBy: owner?.userId ?? null });
      audit.record({ actorId: null, action: "round.create", projectId: project.id, subject: round.id });
      return { round };
    },

    closeRound: (roundId: string) => move(roundId, "closed", "Only an open round can be closed."),

    reopenRound: (roundId: string) =>
      move(roundId, "open", "Only a closed round can be opened again; a revealed round stays as it is."),

    revealRound: (roundId: string) =>
      move(roundId, "revealed", "Close the round before revealing it; a revealed round stays revealed."),

    listRounds(projectId: string) {
      if (!projects.get(projectId)) throw new CliError(`There is no project ${projectId}.`);
      return { rounds: rounds.list(projectId) };
    },

    /**
     * A consensus meeting's agenda for a revealed round: every passage where its coders differ, with
     * boundaries `tolerance` characters apart (or "turn": anywhere in the same turns) still agreeing.
     */
    async agenda(input: { roundId: string; tolerance?: string; order?: string; groupBy?: string }) {
      const round = roundById(input.roundId);
      if (round.status !== "revealed")
        throw new CliError(
          `The round "${round.name}" is ${round.status}: a meeting works on a revealed round.`,
        );
      const tolerance = toleranceFrom(input.tolerance);
      const order = input.order ?? "position";
      const groupBy = input.groupBy ?? "transcript";
      if (order !== "position" && order !== "impact")
        throw new CliError('Choose the order: "position" or "impact".');
      if (groupBy !== "transcript" && groupBy !== "code")
        throw new CliError('Choose the grouping: "transcript" or "code".');
      const items = await roundAgenda(rooms, transcripts, round, tolerance, { order, groupBy });
      return { roundId: round.id, tolerance, items };
    },

    /** A meeting's minutes, as Markdown or a printable page. */
    async minutes(input: { meetingId: string; format?: string }) {
      const meeting = meetings.find(input.meetingId);
      if (!meeting) throw new CliError(`There is no meeting ${input.meetingId}.`);
      const format = input.format ?? "md";
      if (format !== "md" && format !== "html") throw new CliError("Choose the format: md or html.");
      return meetingMinutes(
        { rooms, meetings, users, transcripts, codeHistory, projects, rounds },
        meeting,
        format,
      );
    },

    /** The dashboard's figures, whatever the round's state: the command line is the administrator's. */
    async agreement(input: { roundId: string; unit?: string }) {
      const round = roundById(input.roundId);
      const unit = (input.unit ?? "turn") as AgreementUnit;
      if (!AGREEMENT_UNITS.includes(unit))
        throw new CliError("Choose the unit: turn, character or transcript.");
      const placed = await readRoundLayers(rooms, transcripts, round, () => true);
      return agreementOf(round, placed, unit);
    },
  };
}

/** The round commands, as the command line calls them. */
export type RoundCommands = ReturnType<typeof createRoundCommands>;
