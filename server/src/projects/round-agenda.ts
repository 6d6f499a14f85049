import { type AgendaItem, buildAgenda, type Tolerance } from "@concord/meetings";
import { effectiveCodeId, type Round } from "@concord/schema";
import type { RoomDocuments } from "../sync/room-documents";
import { readRoundLayers } from "./round-layers";
import type { TranscriptStore } from "./transcript-store";

/** The agenda of a revealed round's layers: every passage where its coders differ. */
export async function roundAgenda(
  rooms: Pick<RoomDocuments, "read">,
  transcripts: Pick<TranscriptStore, "get">,
  round: Round,
  tolerance: Tolerance,
): Promise<AgendaItem[]> {
  const placed = await readRoundLayers(rooms, transcripts, round, () => true);
  return buildAgenda(
    placed.transcripts.map((t) => ({
      id: t.id,
      turns: t.turns,
      codings: placed.layers
        .filter((layer) => layer.transcriptId === t.id)
        .flatMap((layer) => layer.codings.map((c) => ({ ...c, coderId: layer.coderId }))),
    })),
    [],
    {
      coders: round.coderIds,
      tolerance,
      // Codes merged since the round count as the code they were merged into.
      effectiveCode: (id) => effectiveCodeId(placed.codebook, id),
    },
  );
}
