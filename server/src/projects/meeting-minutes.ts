import { indexTranscript, utf16IndexOf } from "@concord/anchoring";
import { type MinutesInput, minutesHtml, minutesMarkdown } from "@concord/meetings";
import { formatRoomName, listCodes, transcriptContent } from "@concord/schema";
import type { UserStore } from "../accounts/user-store";
import type { RoomDocuments } from "../sync/room-documents";
import type { CodeHistory } from "./code-history";
import { meetingAgreement } from "./meeting-agreement";
import type { Meeting, MeetingStore } from "./meeting-store";
import type { ProjectStore } from "./project-store";
import type { RoundStore } from "./round-store";
import type { TranscriptStore } from "./transcript-store";

/** A meeting's minutes as Markdown or as a printable page, with people, codes and transcripts named. */
export async function meetingMinutes(
  stores: {
    readonly rooms: Pick<RoomDocuments, "read">;
    readonly meetings: MeetingStore;
    readonly codeHistory: Pick<CodeHistory, "forMeeting">;
    readonly users: Pick<UserStore, "findById">;
    readonly transcripts: Pick<TranscriptStore, "get">;
    readonly projects: Pick<ProjectStore, "get" | "roleOf">;
    readonly rounds: Pick<RoundStore, "get">;
  },
  meeting: Meeting,
  format: "md" | "html",
): Promise<string> {
  const project = await stores.rooms.read(formatRoomName({ kind: "project", projectId: meeting.projectId }));
  const codes = new Map(listCodes(project).map((code) => [code.id, code.name]));
  const record = stores.projects.get(meeting.projectId);
  const round = meeting.roundId ? stores.rounds.get(meeting.projectId, meeting.roundId) : null;
  const figures = round ? await meetingAgreement(stores, meeting.id, round, "turn") : null;
  const texts = await passageTexts(stores, meeting);
  const input: MinutesInput = {
    title: meeting.title,
    ...(record ? { project: record.name } : {}),
    ...(figures
      ? {
          agreement: {
            unit: "turn",
            before: figures.before.krippendorffAlpha,
            after: figures.after.map((a) => ({ coderId: a.coderId, alpha: a.krippendorffAlpha })),
          },
        }
      : {}),
    heldAt: meeting.createdAt,
    tolerance: meeting.tolerance,
    facilitatorId: meeting.facilitatorId,
    agenda: meeting.agenda,
    // Each decision's rationale as the server recorded it when it was made: what is typed after
    // (by anyone in the room) is not part of it until the decision is made again.
    log: stores.meetings.log(meeting.id),
    passageOf: (item) => {
      const text = texts.get(item.transcriptId);
      if (!text) return null;
      return text.slice(utf16IndexOf(text, item.start), utf16IndexOf(text, item.end));
    },
    attendance: stores.meetings.attendance(meeting.id),
    ...(meeting.roundId ? { agreed: meeting.agreed } : {}),
    // One line per change made: the code it was about (written first), not each code it touched.
    codebookChanges: stores.codeHistory
      .forMeeting(meeting.id)
      .filter(
        (change, i, all) =>
          i === 0 || all[i - 1]?.at !== change.at || all[i - 1]?.cause?.itemId !== change.cause?.itemId,
      )
      .map((change) => ({ ...change, itemId: change.cause?.itemId ?? "" })),
    nameOf: (id) => stores.users.findById(id)?.name ?? "a former member",
    roleOf: (id) => stores.projects.roleOf(meeting.projectId, id),
    codeName: (id) => codes.get(id) ?? "a deleted code",
    transcriptName: (id) => stores.transcripts.get(meeting.projectId, id)?.name ?? "a deleted transcript",
  };
  return format === "html" ? minutesHtml(input) : minutesMarkdown(input);
}

/** The canonical text of each transcript the meeting's agenda has a passage in. */
async function passageTexts(
  stores: { readonly rooms: Pick<RoomDocuments, "read">; readonly transcripts: Pick<TranscriptStore, "get"> },
  meeting: Meeting,
): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  for (const item of meeting.agenda) {
    if (item.kind !== "disagreement" || texts.has(item.transcriptId)) continue;
    if (!stores.transcripts.get(meeting.projectId, item.transcriptId)) continue;
    const doc = await stores.rooms.read(
      formatRoomName({ kind: "transcript", projectId: meeting.projectId, transcriptId: item.transcriptId }),
    );
    texts.set(item.transcriptId, indexTranscript(transcriptContent(doc)).text);
  }
  return texts;
}
