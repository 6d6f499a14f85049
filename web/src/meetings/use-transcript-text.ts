import { indexTranscript } from "@concord/anchoring";
import { transcriptContent } from "@concord/schema";
import { useObserved } from "../workspace/use-observed";
import { useRoom } from "../workspace/use-room";

/**
 * A transcript's canonical text (the text codings' offsets count in code points), read from its
 * room while the component is mounted; empty until the room has synced, null for no transcript.
 */
export function useTranscriptText(projectId: string, transcriptId: string | null): string | null {
  const room = useRoom(transcriptId ? `transcript.${projectId}.${transcriptId}` : null);
  const doc = room.connection?.doc ?? null;
  const text = useObserved(doc ? transcriptContent(doc) : null, () =>
    doc ? indexTranscript(transcriptContent(doc)).text : "",
  );
  return transcriptId ? text : null;
}
