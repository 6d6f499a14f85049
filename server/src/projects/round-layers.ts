import type { RoundTranscript } from "@concord/agreement";
import {
  blockAt,
  blockUtf16Index,
  type IndexedBlock,
  indexTranscript,
  resolveAnchor,
  type TranscriptIndex,
  turnSpans,
} from "@concord/anchoring";
import {
  type CodeEntry,
  effectiveCodeId,
  forEachDistinctCoding,
  formatRoomName,
  listCodes,
  type Round,
  transcriptContent,
} from "@concord/schema";
import type * as Y from "yjs";
import type { RoomDocuments } from "../sync/room-documents";
import type { TranscriptStore } from "./transcript-store";

/** A coding of a layer where it now lies in its transcript's canonical text. */
export interface LayerCoding {
  readonly id: string;
  /** The code it counts towards (merges followed). */
  readonly codeId: string;
  readonly start: number;
  readonly end: number;
  readonly quote: string;
  readonly createdAt: number;
}

/** One coder's layer of one transcript, placed. */
export interface PlacedLayer {
  readonly transcriptId: string;
  readonly coderId: string;
  readonly codings: readonly LayerCoding[];
}

/** A round's transcripts and the layers asked for, placed on the text, with the codebook. */
export interface RoundLayers {
  readonly codebook: ReadonlyMap<string, CodeEntry>;
  /** The round's transcripts that still exist, in the round's order. */
  readonly transcripts: readonly RoundTranscript[];
  readonly layers: readonly PlacedLayer[];
  /** Each transcript's document and canonical index, as the codings were placed on them. */
  readonly texts: ReadonlyMap<string, { readonly doc: Y.Doc; readonly index: TranscriptIndex }>;
}

/**
 * Reads the layers of `round` whose coder `include` accepts (the caller decides who may read which),
 * placing each coding on its transcript's current text. Deleted transcripts are left out; codings
 * whose passage is gone are left out; a coding made twice counts once.
 */
export function readRoundLayers(
  rooms: Pick<RoomDocuments, "read">,
  transcripts: Pick<TranscriptStore, "get">,
  round: Round,
  include: (coderId: string) => boolean,
): Promise<RoundLayers> {
  return readCodersCodings(rooms, transcripts, {
    projectId: round.projectId,
    transcriptIds: round.transcriptIds,
    coderIds: round.coderIds.filter(include),
    roomOf: (transcriptId, userId) =>
      formatRoomName({ kind: "layer", projectId: round.projectId, transcriptId, roundId: round.id, userId }),
  });
}

/**
 * Reads what each of `coderIds` coded in the shared codings of `transcriptIds`, as
 * {@link readRoundLayers} reads a round's layers: a coding a meeting decided is the meeting's, not
 * a coder's, and is left out.
 */
export function readSharedCodings(
  rooms: Pick<RoomDocuments, "read">,
  transcripts: Pick<TranscriptStore, "get">,
  source: { projectId: string; transcriptIds: readonly string[]; coderIds: readonly string[] },
): Promise<RoundLayers> {
  return readCodersCodings(rooms, transcripts, {
    ...source,
    roomOf: (transcriptId) =>
      formatRoomName({ kind: "transcript", projectId: source.projectId, transcriptId }),
  });
}

async function readCodersCodings(
  rooms: Pick<RoomDocuments, "read">,
  transcripts: Pick<TranscriptStore, "get">,
  source: {
    projectId: string;
    transcriptIds: readonly string[];
    coderIds: readonly string[];
    /** The room each coder's codings of a transcript are in. */
    roomOf: (transcriptId: string, coderId: string) => string;
  },
): Promise<RoundLayers> {
  const { projectId } = source;
  const projectDoc = await rooms.read(formatRoomName({ kind: "project", projectId }));
  const codebook = new Map(listCodes(projectDoc).map((code) => [code.id, code]));
  const placedTranscripts: RoundTranscript[] = [];
  const layers: PlacedLayer[] = [];
  const texts = new Map<string, { doc: Y.Doc; index: TranscriptIndex }>();
  for (const transcriptId of source.transcriptIds) {
    if (!transcripts.get(projectId, transcriptId)) continue;
    const text = await rooms.read(formatRoomName({ kind: "transcript", projectId, transcriptId }));
    const index = indexTranscript(transcriptContent(text));
    texts.set(transcriptId, { doc: text, index });
    const byCoder: Record<string, LayerCoding[]> = {};
    for (const coderId of source.coderIds) {
      const room = source.roomOf(transcriptId, coderId);
      const layer =
        room === formatRoomName({ kind: "transcript", projectId, transcriptId })
          ? text
          : await rooms.read(room);
      const codings: LayerCoding[] = [];
      forEachDistinctCoding(layer, (coding, id) => {
        // A layer's codings are only its coder's (anything else was not the server's to accept).
        if (coding.coderId !== coderId || coding.decisionId !== undefined) return;
        const range = resolveAnchor(text, index, coding.anchor);
        if (!range || range.start >= range.end) return;
        codings.push({
          id,
          codeId: effectiveCodeId(codebook, coding.codeId),
          start: range.start,
          end: range.end,
          // The text the coding covers now, never the quote its writer stored with it.
          quote: textBetween(index, range.start, Math.min(range.end, range.start + 2_000)),
          createdAt: coding.createdAt,
        });
      });
      codings.sort((a, b) => a.start - b.start || a.end - b.end);
      byCoder[coderId] = codings;
      layers.push({ transcriptId, coderId, codings });
    }
    placedTranscripts.push({
      id: transcriptId,
      length: index.length,
      turns: turnSpans(index),
      layers: byCoder,
    });
  }
  return { codebook, transcripts: placedTranscripts, layers, texts };
}

/** The canonical text from code point `start` to `end`, found through the blocks (no walk from the start). */
function textBetween(index: TranscriptIndex, start: number, end: number): string {
  const at = (offset: number) => {
    const block = index.blocks[blockAt(index, offset)] as IndexedBlock | undefined;
    if (!block) return 0;
    return block.utf16Start + blockUtf16Index(block, Math.min(offset - block.start, block.length));
  };
  return index.text.slice(at(start), at(end));
}
