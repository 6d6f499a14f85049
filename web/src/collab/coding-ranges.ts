import {
  blockCodePointOffset,
  blockUtf16Index,
  type IndexedBlock,
  indexTranscript,
  resolveAnchor,
  type TranscriptIndex,
} from "@concord/anchoring";
import { type Coding, codingKey, codingOf, forEachCoding, transcriptContent } from "@concord/schema";
import type { Node } from "prosemirror-model";
import type * as Y from "yjs";
import { textBlockAt, textBlockLayout } from "./text-blocks";

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

/** One coding that changed since the last placing: where it was and where it is now (null: not placed). */
export interface PlacingChange {
  readonly id: string;
  readonly before: PlacedCoding | null;
  readonly after: PlacedCoding | null;
  /** Whether it is an orphan now, or was one before: the list of orphans must be made again. */
  readonly orphansChanged: boolean;
}

/** Codings whose passage is gone: kept, listed, waiting to be attached again. */
export interface OrphanCoding {
  readonly id: string;
  readonly coding: Coding;
}

/** The ProseMirror position of each block of text (paragraph, note, heading), in reading order. */
export function blockPositions(doc: Node): readonly number[] {
  return textBlockLayout(doc).starts;
}

/** Turns a canonical offset into a ProseMirror position, given the block that holds it. */
function positionOf(
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
  /** Each coding as last placed; a twin stands behind another coding the same as it (see `twins`). */
  private readonly ranges = new Map<string, { coding: Coding; placed: PlacedCoding | null; twin?: true }>();
  private starts: readonly number[] | null = null;
  /** Whether `ranges` holds every coding, placed on the current content by {@link place}. */
  private complete = false;
  /**
   * The ids of codings that are the same ({@link codingKey}): only the smallest is placed, so a
   * passage coded twice with one code by one coder is drawn and listed once.
   */
  private readonly twins = new Map<string, Set<string>>();

  /**
   * Places the codings of `codingDocs` (the transcript's own, or one or more coders' layers) on the
   * text of `ydoc`. Coding ids are random, so several documents' codings never clash.
   */
  constructor(
    private readonly ydoc: Y.Doc,
    private readonly codingDocs: readonly Y.Doc[] = [ydoc],
  ) {
    transcriptContent(ydoc).observeDeep(this.invalidate);
  }

  private forEach(visit: (coding: Coding, id: string) => void): void {
    for (const doc of this.codingDocs) forEachCoding(doc, visit);
  }

  private codingOf(id: string): Coding | null {
    for (const doc of this.codingDocs) {
      const coding = codingOf(doc, id);
      if (coding) return coding;
    }
    return null;
  }

  /** Forgets everything: the text changed, so every anchor may sit elsewhere. */
  readonly invalidate = (): void => {
    this.index = null;
    this.starts = null;
    this.ranges.clear();
    this.twins.clear();
    this.complete = false;
  };

  /** Whether `id` stands for its twins (it is the smallest id among the same codings). */
  private stands(id: string, coding: Coding): boolean {
    const twins = this.twins.get(codingKey(coding));
    if (!twins || twins.size < 2) return true;
    for (const other of twins) if (other < id) return false;
    return true;
  }

  private join(id: string, coding: Coding): void {
    const key = codingKey(coding);
    const twins = this.twins.get(key);
    if (twins) twins.add(id);
    else this.twins.set(key, new Set([id]));
  }

  private leave(id: string, coding: Coding): void {
    const key = codingKey(coding);
    const twins = this.twins.get(key);
    twins?.delete(id);
    if (twins?.size === 0) this.twins.delete(key);
  }

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
    this.twins.clear();
    this.forEach((coding, id) => {
      seen.add(id);
      this.join(id, coding);
    });
    this.forEach((coding, id) => {
      if (!this.stands(id, coding)) {
        this.ranges.set(id, { coding, placed: null, twin: true });
        return;
      }
      let cached = this.ranges.get(id);
      if (!cached || cached.coding !== coding || cached.twin) {
        cached = { coding, placed: this.placeOne(id, coding, index, starts) };
        this.ranges.set(id, cached);
      }
      if (cached.placed) placed.push(cached.placed);
      else orphans.push({ id, coding });
    });
    for (const id of this.ranges.keys()) if (!seen.has(id)) this.ranges.delete(id);
    this.complete = true;
    return { placed, orphans, index };
  }

  /**
   * Places only the codings with these ids, the others being where {@link place} put them; null when
   * that is not known (the content changed since, or nothing was placed yet): then place them all.
   */
  update(ids: Iterable<string>): PlacingChange[] | null {
    const { index, starts } = this;
    if (!this.complete || !index || !starts) return null;
    // A changed coding may change which of its twins stands for the others: look at them all.
    const touched = new Set<string>();
    for (const id of ids) {
      const cached = this.ranges.get(id);
      const coding = this.codingOf(id);
      if (cached?.coding === coding) continue;
      touched.add(id);
      for (const twin of cached ? (this.twins.get(codingKey(cached.coding)) ?? []) : []) touched.add(twin);
      if (cached) this.leave(id, cached.coding);
      if (coding) {
        this.join(id, coding);
        for (const twin of this.twins.get(codingKey(coding)) ?? []) touched.add(twin);
      }
    }
    const changes: PlacingChange[] = [];
    for (const id of touched) {
      const cached = this.ranges.get(id);
      const coding = this.codingOf(id);
      const before = cached?.placed ?? null;
      const twin = coding !== null && !this.stands(id, coding);
      if (cached && cached.coding === coding && (cached.twin === true) === twin) continue;
      const after = coding && !twin ? this.placeOne(id, coding, index, starts) : null;
      if (coding)
        this.ranges.set(id, twin ? { coding, placed: null, twin: true } : { coding, placed: after });
      else this.ranges.delete(id);
      const wasOrphan = cached !== undefined && cached.placed === null && !cached.twin;
      const isOrphan = coding !== null && !twin && after === null;
      changes.push({ id, before, after, orphansChanged: wasOrphan || isOrphan });
    }
    return changes;
  }

  /** The codings whose passage is gone, as last placed. */
  orphans(): OrphanCoding[] {
    const orphans: OrphanCoding[] = [];
    for (const [id, { coding, placed, twin }] of this.ranges)
      if (!placed && !twin) orphans.push({ id, coding });
    return orphans;
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
  const { block, local } = textBlockAt(pmDoc, pos);
  const indexed = index.blocks[block];
  if (!indexed) return 0;
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
