import {
  blockCodePointOffset,
  blockUtf16Index,
  type IndexedBlock,
  indexTranscript,
  resolveAnchor,
  type TranscriptIndex,
} from "@concord/anchoring";
import { type Coding, forEachCoding, transcriptContent } from "@concord/schema";
import type { Node } from "prosemirror-model";
import type * as Y from "yjs";

/** A coding where it sits now, in canonical offsets and in ProseMirror positions. */
export interface PlacedCoding {
  readonly id: string;
  readonly coding: Coding;
  readonly start: number;
  readonly end: number;
  readonly from: number;
  readonly to: number;
  readonly blockFrom: number;
  readonly blockTo: number;
}

/** Codings whose passage is gone: kept, listed, waiting to be attached again. */
export interface OrphanCoding {
  readonly id: string;
  readonly coding: Coding;
}

/** The ProseMirror position of each block's start, in document order. */
export function blockPositions(doc: Node): number[] {
  const positions: number[] = [];
  doc.forEach((_, offset) => {
    positions.push(offset);
  });
  return positions;
}

/** Turns a canonical offset into a ProseMirror position, given the block that holds it. */
export function positionOf(
  index: TranscriptIndex,
  blockStarts: readonly number[],
  block: number,
  offset: number,
): number {
  const indexed = index.blocks[block] as IndexedBlock;
  const local = Math.max(0, Math.min(offset - indexed.start, indexed.length));
  return (blockStarts[block] ?? 0) + 1 + blockUtf16Index(indexed, local);
}

/** The block holding a canonical offset, by binary search over block starts. */
function blockOf(index: TranscriptIndex, offset: number, preferEnd: boolean): number {
  let low = 0;
  let high = index.blocks.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    const start = (index.blocks[mid] as IndexedBlock).start;
    if (start < offset || (!preferEnd && start === offset)) low = mid;
    else high = mid - 1;
  }
  return low;
}

/**
 * Places codings on the current content, remembering the work between changes: the canonical index
 * and each coding's resolved range are kept until the content changes, so a new or removed coding
 * costs one anchor, not five thousand.
 */
export class CodingPlacer {
  private index: TranscriptIndex | null = null;
  private readonly ranges = new Map<string, { coding: Coding; placed: PlacedCoding | null }>();
  private starts: number[] | null = null;

  constructor(private readonly ydoc: Y.Doc) {
    transcriptContent(ydoc).observeDeep(this.invalidate);
  }

  /** Forgets everything: the text changed, so every anchor may sit elsewhere. */
  readonly invalidate = (): void => {
    this.index = null;
    this.starts = null;
    this.ranges.clear();
  };

  /** Stops watching the content. */
  destroy(): void {
    transcriptContent(this.ydoc).unobserveDeep(this.invalidate);
  }

  /** Every coding's place in `pmDoc`, which must show the same content as the Yjs document. */
  place(pmDoc: Node): { placed: PlacedCoding[]; orphans: OrphanCoding[]; index: TranscriptIndex } {
    this.index ??= indexTranscript(transcriptContent(this.ydoc));
    this.starts ??= blockPositions(pmDoc);
    const index = this.index;
    const starts = this.starts;
    const placed: PlacedCoding[] = [];
    const orphans: OrphanCoding[] = [];
    // ProseMirror and the Yjs fragment hold the same blocks; if they briefly differ, draw nothing.
    if (starts.length !== index.blocks.length) {
      this.starts = null;
      return { placed, orphans, index };
    }
    const seen = new Set<string>();
    forEachCoding(this.ydoc, (coding, id) => {
      seen.add(id);
      let cached = this.ranges.get(id);
      if (!cached || cached.coding !== coding) {
        cached = { coding, placed: this.placeOne(id, coding, index, starts) };
        this.ranges.set(id, cached);
      }
      if (cached.placed) placed.push(cached.placed);
      else orphans.push({ id, coding });
    });
    for (const id of this.ranges.keys()) if (!seen.has(id)) this.ranges.delete(id);
    return { placed, orphans, index };
  }

  private placeOne(
    id: string,
    coding: Coding,
    index: TranscriptIndex,
    starts: readonly number[],
  ): PlacedCoding | null {
    const range = resolveAnchor(this.ydoc, index, coding.anchor);
    if (!range) return null;
    const blockFrom = blockOf(index, range.start, false);
    const blockTo = blockOf(index, range.end, true);
    return {
      id,
      coding,
      start: range.start,
      end: range.end,
      from: positionOf(index, starts, blockFrom, range.start),
      to: positionOf(index, starts, blockTo, range.end),
      blockFrom,
      blockTo,
    };
  }
}

/** The canonical offset of a ProseMirror position (for turning a selection into an anchor). */
export function offsetOf(index: TranscriptIndex, pmDoc: Node, pos: number): number {
  // Resolving finds the block without walking the blocks before it: this runs on every selection change.
  const $pos = pmDoc.resolve(Math.max(0, Math.min(pos, pmDoc.content.size)));
  const block = Math.min($pos.index(0), pmDoc.childCount - 1);
  const indexed = index.blocks[block];
  if (!indexed) return 0;
  // Between blocks, a position belongs to the start of the next block (or the end of the last one).
  const local =
    $pos.depth === 0 ? ($pos.index(0) < pmDoc.childCount ? 0 : indexed.content.length) : pos - $pos.start(1);
  return indexed.start + blockCodePointOffset(indexed, local);
}

/**
 * The ProseMirror positions of a canonical range (for threads, search hits, anything anchored), given
 * the blocks' start positions ({@link blockPositions}).
 */
export function positionsOf(
  index: TranscriptIndex,
  starts: readonly number[],
  start: number,
  end: number,
): { from: number; to: number } | null {
  if (starts.length !== index.blocks.length || index.blocks.length === 0) return null;
  return {
    from: positionOf(index, starts, blockOf(index, start, false), start),
    to: positionOf(index, starts, blockOf(index, end, true), end),
  };
}
