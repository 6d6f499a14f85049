import type { Role } from "@concord/schema";

/** A round as someone asks for it, over the API or the command line. */
export interface RoundRequest {
  readonly name: string;
  readonly transcriptIds: readonly string[];
  readonly coderIds: readonly string[];
  readonly codeIds: readonly string[] | null;
  readonly monitor: boolean;
}

/** What a project has that a round may name. */
export interface RoundCandidates {
  /** The project's transcripts (not deleted). */
  readonly transcriptIds: ReadonlySet<string>;
  /** The project's members and their roles. */
  readonly members: ReadonlyMap<string, Role>;
  /** The codebook's live codes (not archived, not merged). */
  readonly codeIds: ReadonlySet<string>;
}

/** At most this many transcripts, coders and codes in one round. */
export const ROUND_LIMITS = { transcripts: 500, coders: 50, codes: 1_000 } as const;

/**
 * Why the project cannot have this round, in words for the person asking, or null if it can: every
 * transcript, coder and code must be the project's own, coders must be able to code (owners or
 * coders, not observers), a round needs two coders to compare, and nothing is named twice.
 */
export function roundProblem(request: RoundRequest, project: RoundCandidates): string | null {
  const name = request.name.trim();
  if (name.length === 0 || name.length > 200) return "Give the round a name of 1 to 200 characters.";
  const twice = (ids: readonly string[]) => new Set(ids).size !== ids.length;
  if (request.transcriptIds.length === 0) return "Choose at least one transcript for the round.";
  if (request.transcriptIds.length > ROUND_LIMITS.transcripts)
    return `A round holds at most ${ROUND_LIMITS.transcripts} transcripts.`;
  if (twice(request.transcriptIds)) return "A transcript is named twice.";
  const strangeTranscript = request.transcriptIds.find((id) => !project.transcriptIds.has(id));
  if (strangeTranscript !== undefined) return `This project has no transcript ${strangeTranscript}.`;
  if (request.coderIds.length < 2) return "Choose at least two coders: a round compares coders.";
  if (request.coderIds.length > ROUND_LIMITS.coders)
    return `A round has at most ${ROUND_LIMITS.coders} coders.`;
  if (twice(request.coderIds)) return "A coder is named twice.";
  for (const id of request.coderIds) {
    const role = project.members.get(id);
    if (!role) return `${id} is not a member of this project.`;
    if (role === "observer") return `${id} is an observer here: observers do not code.`;
  }
  if (request.codeIds !== null) {
    if (request.codeIds.length === 0)
      return "Choose at least one code, or leave the codes out for all of them.";
    if (request.codeIds.length > ROUND_LIMITS.codes)
      return `A round is about at most ${ROUND_LIMITS.codes} codes.`;
    if (twice(request.codeIds)) return "A code is named twice.";
    const strangeCode = request.codeIds.find((id) => !project.codeIds.has(id));
    if (strangeCode !== undefined) return `The codebook has no code ${strangeCode} in use.`;
  }
  return null;
}
