import * as Y from "yjs";

/**
 * One block of text as the index sees it: a paragraph of a turn, a note or a heading (or a turn
 * written before turns had paragraphs, which held its text itself).
 */
export interface IndexedBlock {
  /** The element holding the text (a paragraph, note or heading). */
  readonly element: Y.XmlElement;
  /** The block's text type, or null for an empty block (y-prosemirror stores none then). */
  readonly text: Y.XmlText | null;
  /** The top-level block it belongs to (its turn, or the element itself). */
  readonly owner: Y.XmlElement;
  /** The top-level block's position among the content's blocks. */
  readonly turn: number;
  /** The kind of its top-level block: turn, note or heading. */
  readonly kind: string;
  readonly speaker: string | null;
  /** Offset of the block's first character in the canonical text, in code points. */
  readonly start: number;
  /** The same offset in UTF-16 code units (JavaScript string indices). */
  readonly utf16Start: number;
  /** The block's text. */
  readonly content: string;
  /** Its length in code points. */
  readonly length: number;
}

/**
 * A transcript's canonical plain text and where each block of text sits in it. The canonical text
 * is the text blocks' (paragraphs', notes', headings') text in order joined by one newline, speaker
 * labels left out; every offset Concord
 * computes (agreement, search, export) is into it, in Unicode code points, end exclusive. Build it
 * once per change of the content and share it across every anchor resolved against that state.
 */
export interface TranscriptIndex {
  readonly text: string;
  /** Length of `text` in code points. */
  readonly length: number;
  readonly blocks: readonly IndexedBlock[];
  /** The block index of a text or element type, for resolving relative positions. */
  // biome-ignore lint/suspicious/noExplicitAny: Yjs types are invariant in their event type.
  readonly blockOf: ReadonlyMap<Y.AbstractType<any>, number>;
}

/** The separator between blocks in the canonical text. */
export const BLOCK_SEPARATOR = "\n";

/** Number of code points in `text`. */
export function codePointLength(text: string): number {
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0xd800 || unit > 0xdbff || i + 1 >= text.length) length += 1;
    else {
      const next = text.charCodeAt(i + 1);
      length += 1;
      if (next >= 0xdc00 && next <= 0xdfff) i += 1;
    }
  }
  return length;
}

/** The UTF-16 index of code point `offset` in `text` (clamped to the text). */
export function utf16IndexOf(text: string, offset: number): number {
  let index = 0;
  for (let cp = 0; cp < offset && index < text.length; cp++) {
    const unit = text.charCodeAt(index);
    index += unit >= 0xd800 && unit <= 0xdbff && index + 1 < text.length ? 2 : 1;
  }
  return index;
}

/**
 * The UTF-16 index of a code point offset inside a block. Most blocks hold no character beyond the
 * Basic Multilingual Plane, and there the two are the same: no need to walk the text.
 */
export function blockUtf16Index(block: IndexedBlock, offset: number): number {
  if (block.content.length === block.length) return Math.max(0, Math.min(offset, block.length));
  return utf16IndexOf(block.content, offset);
}

/** The code point offset of a UTF-16 index inside a block (the inverse of {@link blockUtf16Index}). */
export function blockCodePointOffset(block: IndexedBlock, index: number): number {
  if (block.content.length === block.length) return Math.max(0, Math.min(index, block.length));
  return codePointOffsetOf(block.content, index);
}

/** The code point offset of UTF-16 index `index` in `text`. */
export function codePointOffsetOf(text: string, index: number): number {
  return codePointLength(text.slice(0, index));
}

function textOf(element: Y.XmlElement): { text: Y.XmlText | null; content: string } {
  let first: Y.XmlText | null = null;
  let content = "";
  for (const child of element.toArray()) {
    if (child instanceof Y.XmlText) {
      first ??= child;
      for (const op of child.toDelta() as { insert?: unknown }[])
        if (typeof op.insert === "string") content += op.insert;
    }
  }
  return { text: first, content };
}

/** The elements holding text in a top-level block: a turn's paragraphs, or the block itself. */
function textBlocksOf(block: Y.XmlElement): Y.XmlElement[] {
  if (block.nodeName !== "turn") return [block];
  const paragraphs = block.toArray().filter((child): child is Y.XmlElement => child instanceof Y.XmlElement);
  // A turn written before turns had paragraphs holds its text itself.
  return paragraphs.length > 0 ? paragraphs : [block];
}

/** Indexes a transcript's content fragment. */
export function indexTranscript(fragment: Y.XmlFragment): TranscriptIndex {
  const blocks: IndexedBlock[] = [];
  // biome-ignore lint/suspicious/noExplicitAny: Yjs types are invariant in their event type.
  const blockOf = new Map<Y.AbstractType<any>, number>();
  const parts: string[] = [];
  let offset = 0;
  let utf16 = 0;
  let turn = 0;
  for (const child of fragment.toArray()) {
    if (!(child instanceof Y.XmlElement)) continue;
    const speaker = child.getAttribute("speaker");
    for (const element of textBlocksOf(child)) {
      const { text, content } = textOf(element);
      const length = codePointLength(content);
      const index = blocks.length;
      blocks.push({
        element,
        text,
        owner: child,
        turn,
        kind: child.nodeName,
        speaker: typeof speaker === "string" ? speaker : null,
        start: offset,
        utf16Start: utf16,
        content,
        length,
      });
      blockOf.set(element, index);
      for (const grandchild of element.toArray())
        if (grandchild instanceof Y.XmlText) blockOf.set(grandchild, index);
      parts.push(content);
      offset += length + BLOCK_SEPARATOR.length;
      utf16 += content.length + BLOCK_SEPARATOR.length;
    }
    turn += 1;
  }
  const text = parts.join(BLOCK_SEPARATOR);
  return { text, length: Math.max(0, offset - BLOCK_SEPARATOR.length), blocks, blockOf };
}

/** The block holding canonical offset `offset` (a separator counts as the end of the block before it). */
export function blockAt(index: TranscriptIndex, offset: number): number {
  let low = 0;
  let high = index.blocks.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((index.blocks[mid] as IndexedBlock).start <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** A speaker turn's stretch of the canonical text, from its first paragraph to its last, and its speaker. */
export interface TurnSpan {
  readonly start: number;
  readonly end: number;
  readonly speaker: string | null;
}

/** Each speaker turn of an indexed transcript, in order (notes and headings are no turns). */
export function turnSpans(index: TranscriptIndex): TurnSpan[] {
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
  return turns;
}
