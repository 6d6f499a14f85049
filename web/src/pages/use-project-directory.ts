import { useEffect, useState } from "react";
import { api, type Member } from "../api/api-client";
import { projectPeople } from "../collab/person-colours";

/** A transcript as pages that only name it need it. */
export interface TranscriptName {
  readonly id: string;
  readonly name: string;
}

/**
 * The project's members and transcripts, for pages that name people and transcripts (a meeting, an
 * agreement dashboard); the members also give people their colours. `onProblem` hears a failure.
 */
export function useProjectDirectory(projectId: string, onProblem?: (message: string) => void) {
  const [members, setMembers] = useState<Member[]>([]);
  const [transcripts, setTranscripts] = useState<TranscriptName[]>([]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a page's onProblem is fixed for its life
  useEffect(() => {
    Promise.all([
      api<{ members: Member[] }>("GET", `/projects/${projectId}/members`),
      api<{ transcripts: TranscriptName[] }>("GET", `/projects/${projectId}/transcripts`),
    ]).then(
      ([m, t]) => {
        projectPeople.setMembers(m.members);
        setMembers(m.members);
        setTranscripts(t.transcripts);
      },
      (error: Error) => onProblem?.(error.message),
    );
  }, [projectId]);
  return { members, transcripts };
}
