import { indexTranscript } from "@concord/anchoring";
import { listThreads, placeThreads } from "@concord/discussion";
import {
  type AgendaItem,
  type AgendaOptions,
  type AgendaThread,
  type AgendaTranscript,
  type AgreedPassage,
  agreedPassages,
  buildAgenda,
  type Tolerance,
} from "@concord/meetings";
import { effectiveCodeId, formatRoomName, type Round, transcriptContent } from "@concord/schema";
import type { RoomDocuments } from "../sync/room-documents";
import { type RoundLayers, readRoundLayers, readSharedCodings } from "./round-layers";
import type { TranscriptStore } from "./transcript-store";

/** How an agenda is laid out and what it keeps, as the facilitator chose. */
export type AgendaLayout = Pick<AgendaOptions, "groupBy" | "order" | "filter">;

/**
 * The agenda of a revealed round: every passage where its coders differ, and the open threads marked
 * for the meeting on its transcripts and on the project's codes.
 */
export async function roundAgenda(
  rooms: Pick<RoomDocuments, "read">,
  transcripts: Pick<TranscriptStore, "get">,
  round: Round,
  tolerance: Tolerance,
  layout: AgendaLayout = {},
): Promise<AgendaItem[]> {
  const placed = await readRoundLayers(rooms, transcripts, round, () => true);
  return agendaOf(rooms, round.projectId, placed, round.coderIds, tolerance, layout);
}

/**
 * A revealed round's agenda, and the passages every coder coded alike (within the tolerance, in the
 * agenda's codes and transcripts): what its meeting takes into the shared codings without
 * discussing. The layers are read once for both.
 */
export async function roundAgendaAndAgreed(
  rooms: Pick<RoomDocuments, "read">,
  transcripts: Pick<TranscriptStore, "get">,
  round: Round,
  tolerance: Tolerance,
  layout: AgendaLayout = {},
): Promise<{ agenda: AgendaItem[]; agreed: AgreedPassage[] }> {
  const placed = await readRoundLayers(rooms, transcripts, round, () => true);
  const agenda = await agendaOf(rooms, round.projectId, placed, round.coderIds, tolerance, layout);
  const agreed = agreedPassages(agendaTranscripts(placed), {
    coders: round.coderIds,
    tolerance,
    effectiveCode: (id) => effectiveCodeId(placed.codebook, id),
    ...(layout.filter ? { filter: layout.filter } : {}),
  });
  return { agenda, agreed };
}

/**
 * The agenda of the shared codings of `transcriptIds` by `coderIds` (who coded live, together):
 * every passage where they differ, and the marked threads, as for a round.
 */
export async function sharedAgenda(
  rooms: Pick<RoomDocuments, "read">,
  transcripts: Pick<TranscriptStore, "get">,
  source: { projectId: string; transcriptIds: readonly string[]; coderIds: readonly string[] },
  tolerance: Tolerance,
  layout: AgendaLayout = {},
): Promise<AgendaItem[]> {
  const placed = await readSharedCodings(rooms, transcripts, source);
  return agendaOf(rooms, source.projectId, placed, source.coderIds, tolerance, layout);
}

async function agendaOf(
  rooms: Pick<RoomDocuments, "read">,
  projectId: string,
  placed: RoundLayers,
  coders: readonly string[],
  tolerance: Tolerance,
  layout: AgendaLayout,
): Promise<AgendaItem[]> {
  return buildAgenda(
    agendaTranscripts(placed),
    await markedThreads(
      rooms,
      projectId,
      placed.transcripts.map((t) => t.id),
    ),
    {
      coders,
      tolerance,
      // Codes merged since the codings were made count as the code they were merged into.
      effectiveCode: (id) => effectiveCodeId(placed.codebook, id),
      ...layout,
    },
  );
}

/** The layers' transcripts as the agenda compares them: turns, and every compared coder's codings. */
function agendaTranscripts(placed: RoundLayers): AgendaTranscript[] {
  return placed.transcripts.map((t) => ({
    id: t.id,
    turns: t.turns,
    codings: placed.layers
      .filter((layer) => layer.transcriptId === t.id)
      .flatMap((layer) => layer.codings.map((c) => ({ ...c, coderId: layer.coderId }))),
  }));
}

/** Open threads marked for the meeting: on the transcripts' passages (placed), and on codes. */
async function markedThreads(
  rooms: Pick<RoomDocuments, "read">,
  projectId: string,
  transcriptIds: readonly string[],
): Promise<AgendaThread[]> {
  const found: AgendaThread[] = [];
  for (const transcriptId of transcriptIds) {
    const discussion = await rooms.read(formatRoomName({ kind: "discussion", projectId, transcriptId }));
    const marked = listThreads(discussion).filter((t) => t.forMeeting !== null && !t.resolved);
    if (marked.length === 0) continue;
    const text = await rooms.read(formatRoomName({ kind: "transcript", projectId, transcriptId }));
    const { placed, orphans } = placeThreads(text, indexTranscript(transcriptContent(text)), marked);
    for (const p of placed)
      found.push({ id: p.thread.id, transcriptId, start: p.start, end: p.end, codeId: null });
    for (const t of orphans) found.push({ id: t.id, transcriptId, start: null, end: null, codeId: null });
  }
  const project = await rooms.read(formatRoomName({ kind: "discussion", projectId, transcriptId: null }));
  for (const t of listThreads(project)) {
    if (t.forMeeting === null || t.resolved || t.target.kind !== "code") continue;
    found.push({ id: t.id, transcriptId: null, start: null, end: null, codeId: t.target.codeId });
  }
  return found;
}
