import { listCodes } from "@concord/schema";
import type * as Y from "yjs";
import type { ProjectStore } from "./project-store";
import type { RoundCandidates } from "./round-request";
import type { TranscriptStore } from "./transcript-store";

/** What `projectId` has that a new round may name: its transcripts, members and live codes. */
export function roundCandidates(
  projectId: string,
  stores: { readonly projects: ProjectStore; readonly transcripts: TranscriptStore },
  projectDoc: Y.Doc,
): RoundCandidates {
  return {
    transcriptIds: new Set(stores.transcripts.list(projectId).map((t) => t.id)),
    members: new Map(stores.projects.members(projectId).map((m) => [m.userId, m.role])),
    codeIds: new Set(
      listCodes(projectDoc)
        .filter((code) => !code.archived && code.mergedInto === null)
        .map((code) => code.id),
    ),
  };
}
