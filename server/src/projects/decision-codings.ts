import { createAnchor, indexTranscript } from "@concord/anchoring";
import type { AgreedCoding, AgreedPassage } from "@concord/meetings";
import {
  agreedMark,
  createLocalId,
  forEachCoding,
  formatRoomName,
  transcriptCodings,
  transcriptContent,
  writeCoding,
} from "@concord/schema";
import type * as Y from "yjs";
import type { RoomDocuments } from "../sync/room-documents";

/** A coder's coding of the shared codings that a decision took the place of. */
export interface SupersededCoding {
  readonly id: string;
  readonly coderId: string;
  readonly codeId: string;
  readonly quote: string;
}

/**
 * Writes a decision's agreed codings into the transcript's shared codings, as the server, in one
 * change: the codings of the decision it replaces (a reopened item) go, and so do `supersedes` (in a
 * meeting on shared codings, the coders' own versions the decision settles); the new ones come,
 * each marked with its decision and credited to who decided. Resolves with the new codings' ids and
 * the coders' codings taken out.
 */
export async function writeDecidedCodings(
  rooms: RoomDocuments,
  place: { projectId: string; transcriptId: string },
  decision: { id: string; decidedBy: string; decidedAt: number },
  replaces: string | null,
  agreed: readonly AgreedCoding[],
  supersedes: readonly string[] = [],
): Promise<{ codingIds: string[]; superseded: SupersededCoding[] }> {
  const room = formatRoomName({ kind: "transcript", ...place });
  return rooms.change(room, (doc) => {
    const codings = transcriptCodings(doc);
    const superseded: SupersededCoding[] = [];
    const settled = new Set(supersedes);
    forEachCoding(doc, (coding, id) => {
      if (!settled.has(id) || coding.decisionId !== undefined) return;
      superseded.push({
        id,
        coderId: coding.coderId,
        codeId: coding.codeId,
        quote: coding.anchor.quote.exact,
      });
    });
    for (const { id } of superseded) codings.delete(id);
    if (replaces !== null) {
      const gone: string[] = [];
      forEachCoding(doc, (coding, id) => {
        if (coding.decisionId === replaces) gone.push(id);
      });
      for (const id of gone) codings.delete(id);
    }
    const codingIds = writeMarked(doc, agreed, {
      coderId: decision.decidedBy,
      createdAt: decision.decidedAt,
      decisionId: decision.id,
    });
    return { codingIds, superseded };
  });
}

/**
 * Writes the passages every coder of a round coded alike into each transcript's shared codings, as
 * the server, one change per transcript: marked with the meeting's {@link agreedMark} and credited
 * to who made the meeting. Resolves with how many codings were written.
 */
export async function writeAgreedCodings(
  rooms: RoomDocuments,
  meeting: { projectId: string; id: string; createdBy: string | null; createdAt: number },
  passages: readonly AgreedPassage[],
): Promise<number> {
  const byTranscript = new Map<string, AgreedPassage[]>();
  for (const p of passages)
    byTranscript.set(p.transcriptId, [...(byTranscript.get(p.transcriptId) ?? []), p]);
  let written = 0;
  for (const [transcriptId, agreed] of byTranscript) {
    const room = formatRoomName({ kind: "transcript", projectId: meeting.projectId, transcriptId });
    written += await rooms.change(
      room,
      (doc) =>
        writeMarked(doc, agreed, {
          coderId: meeting.createdBy ?? "",
          createdAt: meeting.createdAt,
          decisionId: agreedMark(meeting.id),
        }).length,
    );
  }
  return written;
}

/** Writes `codings` into `doc`'s shared codings with `mark`; resolves with their ids. */
function writeMarked(
  doc: Y.Doc,
  codings: readonly AgreedCoding[],
  mark: { coderId: string; createdAt: number; decisionId: string },
): string[] {
  const index = indexTranscript(transcriptContent(doc));
  // The text may have been corrected since the round: what no longer lies on it is left out.
  const fitting = codings.filter((coding) => coding.start < Math.min(coding.end, index.length));
  return fitting.map((coding) => {
    const id = createLocalId();
    writeCoding(doc, id, {
      codeId: coding.codeId,
      anchor: createAnchor(index, coding.start, Math.min(coding.end, index.length)),
      ...mark,
    });
    return id;
  });
}
