import { indexTranscript, type TurnSpan, turnSpans } from "@concord/anchoring";
import { transcriptContent } from "@concord/schema";
import { useObserved } from "../workspace/use-observed";
import { useRoom } from "../workspace/use-room";

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
  return { text: index.text, turns: turnSpans(index) };
}
