import type * as Y from "yjs";

/** A code in the shared codebook. */
export interface Code {
  readonly name: string;
  /** The parent code's id, or null at the top level. */
  readonly parentId: string | null;
  /** A CSS colour, `#rrggbb`. */
  readonly color: string;
  readonly description: string;
  readonly inclusion: string;
  readonly exclusion: string;
  readonly example: string;
  /** Order among siblings (fractional, so a move writes one code). */
  readonly order: number;
  readonly archived: boolean;
  readonly createdBy: string;
  readonly createdAt: number;
  readonly updatedBy: string;
  readonly updatedAt: number;
}

/**
 * Small shared facts of a project room, written by the server: `transcriptsChangedAt` (the
 * transcript list changed, so every open list refreshes) and `projectChangedAt` (the project's
 * settings or memberships changed: pages fetch the project again, its lock and their role).
 */
export function projectMeta(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap("meta");
}

/** The codebook of a project room's document (`project.<projectId>`): code id → Y.Map of {@link Code} fields. */
export function projectCodes(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap<Y.Map<unknown>>("codes");
}
