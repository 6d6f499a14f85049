import type * as Y from "yjs";

/**
 * The shape of a transcript room's document (`transcript.<projectId>.<transcriptId>`):
 * - `content`: the text, a Y.XmlFragment bound to ProseMirror by y-prosemirror;
 * - `codings`: coding id → {@link StoredCoding}.
 */
export function transcriptContent(doc: Y.Doc): Y.XmlFragment {
  return doc.getXmlFragment("content");
}

/**
 * A coding as the codings map holds it: its JSON text. A coded transcript holds thousands, and Yjs
 * decodes one string far faster than an object of ten strings (an opening browser decodes them all
 * before it can draw). Copies written before hold the {@link Coding} object itself; both are read.
 */
export type StoredCoding = string | Coding;

/** The codings of a transcript (or of a blind layer: same shape, its own document). */
export function transcriptCodings(doc: Y.Doc): Y.Map<StoredCoding> {
  return doc.getMap<StoredCoding>("codings");
}

/** Stores `coding` under `id`, as its JSON text (see {@link StoredCoding}). */
export function writeCoding(doc: Y.Doc, id: string, coding: Coding): void {
  transcriptCodings(doc).set(id, JSON.stringify(coding));
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
  /**
   * The consensus meeting's decision this coding came from (the server writes it; clients never
   * do): it changes only when that decision is reopened. A passage every coder of a round coded
   * alike has its meeting's {@link agreedMark} instead.
   */
  readonly decisionId?: string;
}

const AGREED = "agreed:";

/** The `decisionId` of the codings a round's meeting took into the shared codings as agreed by every coder. */
export function agreedMark(meetingId: string): string {
  return `${AGREED}${meetingId}`;
}

/** The meeting a coding was agreed in (by every coder of its round), from its `decisionId`; or null. */
export function agreedIn(decisionId: string | undefined): string | null {
  return decisionId?.startsWith(AGREED) ? decisionId.slice(AGREED.length) : null;
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

/**
 * Each map's codings as last read, by id: the text read and what it gave. Readers get the same
 * object for an unchanged coding (the editor compares codings by identity to find what changed),
 * and a text is parsed once, not at every read.
 */
const parsed = new WeakMap<Y.Map<StoredCoding>, Map<string, { text: string; coding: Coding | null }>>();

function readCoding(map: Y.Map<StoredCoding>, id: string, value: unknown): Coding | null {
  if (typeof value !== "string") return isCoding(value) ? value : null;
  let byId = parsed.get(map);
  if (!byId) {
    byId = new Map();
    parsed.set(map, byId);
  }
  const known = byId.get(id);
  if (known?.text === value) return known.coding;
  let coding: Coding | null = null;
  try {
    const candidate: unknown = JSON.parse(value);
    coding = isCoding(candidate) ? candidate : null;
  } catch {
    // Text that is not JSON (a bad client's) is no coding.
  }
  byId.set(id, { text: value, coding });
  return coding;
}

/** Calls `visit` for every well-formed coding; a value of another shape (a bad client's) is skipped. */
export function forEachCoding(doc: Y.Doc, visit: (coding: Coding, id: string) => void): void {
  const map = transcriptCodings(doc);
  map.forEach((value, id) => {
    const coding = readCoding(map, id, value);
    if (coding) visit(coding, id);
  });
}

/**
 * What makes two codings the same: one coder, one code, one passage (the same relative positions,
 * which stay the same however the text around them is corrected). A second such coding adds
 * nothing; readers show and count one.
 */
export function codingKey(coding: Coding): string {
  return `${coding.coderId}\u0000${coding.codeId}\u0000${coding.anchor.start}\u0000${coding.anchor.end}`;
}

/**
 * Calls `visit` for each coding that is not the same as one visited before ({@link codingKey}), the
 * one with the smallest id standing for the others.
 */
export function forEachDistinctCoding(doc: Y.Doc, visit: (coding: Coding, id: string) => void): void {
  const first = new Map<string, { coding: Coding; id: string }>();
  forEachCoding(doc, (coding, id) => {
    const key = codingKey(coding);
    const known = first.get(key);
    if (!known || id < known.id) first.set(key, { coding, id });
  });
  for (const { coding, id } of first.values()) visit(coding, id);
}

/** The coding with this id, or null if there is none (or it is not well formed). */
export function codingOf(doc: Y.Doc, id: string): Coding | null {
  const map = transcriptCodings(doc);
  const value = map.get(id);
  if (value === undefined) {
    parsed.get(map)?.delete(id);
    return null;
  }
  return readCoding(map, id, value);
}
