import type { StoredAnchor } from "@concord/schema";
import { fromBase64, toBase64 } from "lib0/buffer";
import * as Y from "yjs";
import { matchQuote } from "./match-quote";
import {
  blockAt,
  blockCodePointOffset,
  blockUtf16Index,
  type IndexedBlock,
  type TranscriptIndex,
} from "./transcript-index";

/** How much context a quote keeps on each side of the passage, in code points. */
export const QUOTE_CONTEXT = 32;

/** Where an anchor points now, in canonical offsets; `via` says how it was found. */
export interface ResolvedRange {
  readonly start: number;
  readonly end: number;
  readonly via: "position" | "quote";
}

/** The UTF-16 index in the canonical text of code point offset `offset`, found through its block. */
function utf16Offset(index: TranscriptIndex, offset: number): number {
  const block = index.blocks[blockAt(index, offset)] as IndexedBlock;
  const local = offset - block.start;
  if (local > block.length) return block.utf16Start + block.content.length + 1;
  return block.utf16Start + blockUtf16Index(block, local);
}

/** The canonical text between two code point offsets, without walking the whole text. */
function slice(index: TranscriptIndex, start: number, end: number): string {
  const from = Math.max(0, Math.min(start, index.length));
  const to = Math.max(from, Math.min(end, index.length));
  return index.text.slice(utf16Offset(index, from), utf16Offset(index, to));
}

function relativePosition(block: IndexedBlock, localOffset: number, assoc: number): Y.RelativePosition {
  if (!block.text) return Y.createRelativePositionFromTypeIndex(block.element, 0, assoc);
  return Y.createRelativePositionFromTypeIndex(block.text, blockUtf16Index(block, localOffset), assoc);
}

/**
 * An anchor for the canonical range [start, end): the start associates with the character after it
 * and the end with the character before it, so typing at either edge does not grow the passage; plus
 * the quote with its context, as a fallback. Throws a RangeError for an empty or out-of-range span.
 */
export function createAnchor(index: TranscriptIndex, start: number, end: number): StoredAnchor {
  if (!(start >= 0 && end <= index.length && start < end)) {
    throw new RangeError(`Cannot anchor ${start}..${end} in a text of ${index.length} code points`);
  }
  let startBlock = blockAt(index, start);
  let startLocal = start - (index.blocks[startBlock] as IndexedBlock).start;
  // A start on the separator after a block belongs to the next block's first character.
  if (
    startLocal >= (index.blocks[startBlock] as IndexedBlock).length &&
    startBlock + 1 < index.blocks.length
  ) {
    startBlock += 1;
    startLocal = 0;
  }
  let endBlock = blockAt(index, end);
  let endLocal = end - (index.blocks[endBlock] as IndexedBlock).start;
  // An end at a block's very start belongs to the end of the block before it.
  if (endLocal === 0 && endBlock > 0) {
    endBlock -= 1;
    endLocal = (index.blocks[endBlock] as IndexedBlock).length;
  }
  const startPosition = relativePosition(index.blocks[startBlock] as IndexedBlock, startLocal, 0);
  const endPosition = relativePosition(
    index.blocks[endBlock] as IndexedBlock,
    Math.min(endLocal, (index.blocks[endBlock] as IndexedBlock).length),
    -1,
  );
  return {
    start: toBase64(Y.encodeRelativePosition(startPosition)),
    end: toBase64(Y.encodeRelativePosition(endPosition)),
    quote: {
      prefix: slice(index, start - QUOTE_CONTEXT, start),
      exact: slice(index, start, end),
      suffix: slice(index, end, end + QUOTE_CONTEXT),
    },
  };
}

/**
 * A relative position from any member's client, if it can point into a transcript at all: into an
 * item or a type of the document, never a root type by name (resolving one would create that root).
 */
export function decodeAnchorPosition(encoded: string): Y.RelativePosition | null {
  try {
    const relative = Y.decodeRelativePosition(fromBase64(encoded));
    if (relative.tname !== null || (relative.item === null && relative.type === null)) return null;
    return relative;
  } catch {
    return null;
  }
}

function resolvePosition(doc: Y.Doc, index: TranscriptIndex, encoded: string): number | null {
  const relative = decodeAnchorPosition(encoded);
  if (!relative) return null;
  let absolute: Y.AbsolutePosition | null;
  try {
    absolute = Y.createAbsolutePositionFromRelativePosition(relative, doc);
  } catch {
    // Positions that decode yet name nothing Yjs can follow: an orphan, never an exception.
    return null;
  }
  if (!absolute) return null;
  const blockIndex = index.blockOf.get(absolute.type);
  if (blockIndex === undefined) return null;
  const block = index.blocks[blockIndex] as IndexedBlock;
  if (absolute.type !== block.text) return block.start;
  return block.start + blockCodePointOffset(block, absolute.index);
}

function isStoredAnchor(value: unknown): value is StoredAnchor {
  const anchor = value as Partial<StoredAnchor> | null;
  const quote = anchor?.quote as Partial<StoredAnchor["quote"]> | undefined;
  return (
    typeof anchor?.start === "string" &&
    typeof anchor.end === "string" &&
    typeof quote?.prefix === "string" &&
    typeof quote.exact === "string" &&
    typeof quote.suffix === "string"
  );
}

/**
 * Where `anchor` points in the current text. Its relative positions come first; if they are gone or
 * the passage collapsed (its text was deleted), the quote is searched for. Null means the anchor is
 * an orphan: kept and listed, waiting to be re-attached.
 */
export function resolveAnchor(
  doc: Y.Doc,
  index: TranscriptIndex,
  anchor: StoredAnchor,
): ResolvedRange | null {
  // Anchors come from every member's client; one that is not an anchor is an orphan, not a failure.
  if (!isStoredAnchor(anchor)) return null;
  const start = resolvePosition(doc, index, anchor.start);
  const end = resolvePosition(doc, index, anchor.end);
  if (start !== null && end !== null && start < end) return { start, end, via: "position" };
  const found = matchQuote(index.text, anchor.quote, start ?? undefined);
  return found ? { ...found, via: "quote" } : null;
}
