import type { Role } from "./roles";

/**
 * Where a coding round stands: coders code into their own layers while it is `open`; `closed` stops
 * coding and keeps layers blind; `revealed` lets every member read every layer, for good.
 */
export type RoundStatus = "open" | "closed" | "revealed";

/** What decides who may read and write a round's layers. */
export interface RoundFacts {
  readonly status: RoundStatus;
  /** Whether owners may read the layers before reveal. */
  readonly monitor: boolean;
  readonly transcriptIds: readonly string[];
  readonly coderIds: readonly string[];
  /** The codes the round is about, or null for every code of the codebook. */
  readonly codeIds: readonly string[] | null;
}

/** A coding round as the server keeps it. */
export interface Round extends RoundFacts {
  readonly id: string;
  readonly projectId: string;
  readonly name: string;
  readonly createdBy: string;
  readonly createdAt: number;
  readonly closedAt: number | null;
  readonly revealedAt: number | null;
}

/** Whether a layer of (`transcriptId`, `coderId`) exists in the round. */
export function layerExists(round: RoundFacts, transcriptId: string, coderId: string): boolean {
  return round.transcriptIds.includes(transcriptId) && round.coderIds.includes(coderId);
}

/**
 * Whether `userId`, with `role` in the project, may read the layer of `coderId` in the round: its own
 * coder always; after reveal every member; before reveal owners only if the round was made with
 * monitor on; nobody else, ever.
 */
export function mayReadLayer(round: RoundFacts, coderId: string, userId: string, role: Role | null): boolean {
  if (!role) return false;
  if (round.status === "revealed") return true;
  if (coderId === userId) return true;
  return role === "owner" && round.monitor;
}

/** Whether a member with `role` may read every layer of the round (and so its agreement figures). */
export function mayReadAllLayers(round: RoundFacts, role: Role | null): boolean {
  if (!role) return false;
  return round.status === "revealed" || (role === "owner" && round.monitor);
}

/** Whether `userId` may write into their own layer of the round: an open round, and not an observer. */
export function mayWriteLayer(
  round: RoundFacts,
  coderId: string,
  userId: string,
  role: Role | null,
): boolean {
  return round.status === "open" && coderId === userId && (role === "owner" || role === "coder");
}

/**
 * Whether `userId` codes `transcriptId` blind: a coder of a round that includes it and is not yet
 * revealed. Their place in its text (cursor, selection, view) is kept from the others, and so are
 * their comments on it.
 */
export function codesBlind(rounds: readonly RoundFacts[], transcriptId: string, userId: string): boolean {
  return rounds.some(
    (round) =>
      round.status !== "revealed" &&
      round.transcriptIds.includes(transcriptId) &&
      round.coderIds.includes(userId),
  );
}
