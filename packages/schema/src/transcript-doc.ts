import type * as Y from "yjs";

/**
 * The shape of a transcript room's document (`transcript.<projectId>.<transcriptId>`):
 * - `content`: the text, a Y.XmlFragment bound to ProseMirror by y-prosemirror;
 * - `codings`: coding id → {@link Coding}.
 */
export function transcriptContent(doc: Y.Doc): Y.XmlFragment {
  return doc.getXmlFragment("content");
}

/** The codings of a transcript (or of a blind layer: same shape, its own document). */
export function transcriptCodings(doc: Y.Doc): Y.Map<Coding> {
  return doc.getMap<Coding>("codings");
}

/** Where a coding or comment sits: two encoded relative positions plus the quoted text. */
export interface StoredAnchor {
  /** Base64 of `Y.encodeRelativePosition` for the start (associates with the character after it). */
  readonly start: string;
  /** Base64 of the end position (associates with the character before it: assoc −1). */
  readonly end: string;
  /** The quote at coding time, to re-find the passage if its positions are lost. */
  readonly quote: { readonly prefix: string; readonly exact: string; readonly suffix: string };
}

/** One code applied to one passage by one coder. */
export interface Coding {
  readonly codeId: string;
  readonly coderId: string;
  readonly anchor: StoredAnchor;
  readonly createdAt: number;
  readonly note?: string;
}

/** Whether a value in the codings map is a coding (any member's client writes there). */
function isCoding(value: unknown): value is Coding {
  const coding = value as Partial<Coding> | null;
  return (
    typeof coding === "object" &&
    coding !== null &&
    typeof coding.codeId === "string" &&
    typeof coding.coderId === "string"
  );
}

/** Calls `visit` for every well-formed coding; a value of another shape (a bad client's) is skipped. */
export function forEachCoding(doc: Y.Doc, visit: (coding: Coding, id: string) => void): void {
  transcriptCodings(doc).forEach((value, id) => {
    if (isCoding(value)) visit(value, id);
  });
}

/** The coding with this id, or null if there is none (or it is not well formed). */
export function codingOf(doc: Y.Doc, id: string): Coding | null {
  const value = transcriptCodings(doc).get(id);
  return isCoding(value) ? value : null;
}
