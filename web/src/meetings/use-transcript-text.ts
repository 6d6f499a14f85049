import { indexTranscript } from "@concord/anchoring";
import { transcriptContent } from "@concord/schema";
import { useObserved } from "../workspace/use-observed";
import { useRoom } from "../workspace/use-room";
import type { TurnSpan } from "./context-window";

/** A transcript as a meeting reads it: the canonical text and its speaker turns. */
export interface TranscriptReading {
  /** The canonical text (codings' offsets count in its code points). */
  readonly text: string;
  readonly turns: readonly TurnSpan[];
}

const EMPTY: TranscriptReading = { text: "", turns: [] };

/**
 * A transcript's canonical text and turns, read from its room while the component is mounted;
 * empty until the room has synced, null for no transcript.
 */
export function useTranscriptText(projectId: string, transcriptId: string | null): TranscriptReading | null {
  const room = useRoom(transcriptId ? `transcript.${projectId}.${transcriptId}` : null);
  const doc = room.connection?.doc ?? null;
  const reading = useObserved(doc ? transcriptContent(doc) : null, () =>
    doc ? readingOf(indexTranscript(transcriptContent(doc))) : EMPTY,
  );
  return transcriptId ? reading : null;
}

function readingOf(index: ReturnType<typeof indexTranscript>): TranscriptReading {
  const turns: { start: number; end: number; speaker: string | null }[] = [];
  let current = -1;
  for (const block of index.blocks) {
    if (block.kind !== "turn") continue;
    const end = block.start + block.length;
    const last = turns[turns.length - 1];
    if (block.turn === current && last) last.end = end;
    else turns.push({ start: block.start, end, speaker: block.speaker });
    current = block.turn;
  }
  return { text: index.text, turns };
}
