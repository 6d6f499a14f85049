import { createAnchor, indexTranscript } from "@concord/anchoring";
import type { AgreedCoding } from "@concord/meetings";
import {
  createLocalId,
  forEachCoding,
  formatRoomName,
  transcriptCodings,
  transcriptContent,
  writeCoding,
} from "@concord/schema";
import type { RoomDocuments } from "../sync/room-documents";

/**
 * Writes a decision's agreed codings into the transcript's shared codings, as the server, in one
 * change: the codings of the decision it replaces (a reopened item) go, the new ones come, each
 * marked with its decision and credited to who decided. Resolves with the new codings' ids.
 */
export async function writeDecidedCodings(
  rooms: RoomDocuments,
  place: { projectId: string; transcriptId: string },
  decision: { id: string; decidedBy: string; decidedAt: number },
  replaces: string | null,
  agreed: readonly AgreedCoding[],
): Promise<string[]> {
  const room = formatRoomName({ kind: "transcript", ...place });
  return rooms.change(room, (doc) => {
    const codings = transcriptCodings(doc);
    if (replaces !== null) {
      const gone: string[] = [];
      forEachCoding(doc, (coding, id) => {
        if (coding.decisionId === replaces) gone.push(id);
      });
      for (const id of gone) codings.delete(id);
    }
    const index = indexTranscript(transcriptContent(doc));
    // The text may have been corrected since the round: what no longer lies on it is left out.
    const fitting = agreed.filter((coding) => coding.start < Math.min(coding.end, index.length));
    return fitting.map((coding) => {
      const id = createLocalId();
      writeCoding(doc, id, {
        codeId: coding.codeId,
        coderId: decision.decidedBy,
        anchor: createAnchor(index, coding.start, Math.min(coding.end, index.length)),
        createdAt: decision.decidedAt,
        decisionId: decision.id,
      });
      return id;
    });
  });
}
