import type { Node } from "prosemirror-model";

/**
 * Where a transcript's blocks of text sit in its ProseMirror document: the paragraphs of every
 * turn, and notes and headings, in reading order, as the canonical index counts them
 * (`indexTranscript`). Made once per document and kept.
 */
export interface TextBlockLayout {
  /** The position of each block of text (before its node), in reading order. */
  readonly starts: readonly number[];
  /** The size of each block of text's node. */
  readonly sizes: readonly number[];
  /** For each top-level block, the index of its first block of text. */
  readonly firstOfTop: readonly number[];
}

const layouts = new WeakMap<Node, TextBlockLayout>();

/** The {@link TextBlockLayout} of `doc`. */
export function textBlockLayout(doc: Node): TextBlockLayout {
  const known = layouts.get(doc);
  if (known) return known;
  const starts: number[] = [];
  const sizes: number[] = [];
  const firstOfTop: number[] = [];
  doc.forEach((top, topPos) => {
    firstOfTop.push(starts.length);
    if (top.isTextblock) {
      starts.push(topPos);
      sizes.push(top.nodeSize);
      return;
    }
    top.forEach((child, childOffset) => {
      starts.push(topPos + 1 + childOffset);
      sizes.push(child.nodeSize);
    });
  });
  const layout = { starts, sizes, firstOfTop };
  layouts.set(doc, layout);
  return layout;
}

/** The index of the first block of text that starts at or after `pos` (the count when none does). */
function firstAtOrAfter(layout: TextBlockLayout, pos: number): number {
  let low = 0;
  let high = layout.starts.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((layout.starts[mid] as number) < pos) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * The block of text holding `pos`, and the position's offset in its text; a position between
 * blocks belongs to the start of the next one (or the end of the last).
 */
export function textBlockAt(doc: Node, pos: number): { block: number; local: number } {
  const layout = textBlockLayout(doc);
  const clamped = Math.max(0, Math.min(pos, doc.content.size));
  const $pos = doc.resolve(clamped);
  if ($pos.parent.isTextblock && $pos.depth > 0) {
    const top = $pos.index(0);
    const block = (layout.firstOfTop[top] ?? 0) + ($pos.depth >= 2 ? $pos.index(1) : 0);
    return { block, local: clamped - $pos.start() };
  }
  const next = firstAtOrAfter(layout, clamped);
  if (next < layout.starts.length) return { block: next, local: 0 };
  const last = Math.max(0, layout.starts.length - 1);
  return { block: last, local: Math.max(0, (layout.sizes[last] ?? 2) - 2) };
}
