import { resolveAnchor, type TranscriptIndex } from "@concord/anchoring";
import { codingOf } from "@concord/schema";
import type * as Y from "yjs";
import type { Thread } from "./threads";

/** A thread where its passage is now, in canonical offsets of the transcript. */
export interface PlacedThread {
  readonly thread: Thread;
  readonly start: number;
  readonly end: number;
}

/**
 * Places a transcript's threads on its current text, in document order. A thread on a coding follows
 * the coding (which may have been re-attached); without the coding, it keeps to its own copy of the
 * passage. Threads whose passage is gone are orphans: listed, waiting to be re-attached. Threads on
 * codes have no passage and are left out.
 */
export function placeThreads(
  transcript: Y.Doc,
  index: TranscriptIndex,
  threads: readonly Thread[],
): { placed: PlacedThread[]; orphans: Thread[] } {
  const placed: PlacedThread[] = [];
  const orphans: Thread[] = [];
  for (const thread of threads) {
    const { target } = thread;
    if (target.kind === "code") continue;
    const anchor =
      target.kind === "coding"
        ? (codingOf(transcript, target.codingId)?.anchor ?? target.anchor)
        : target.anchor;
    const range = resolveAnchor(transcript, index, anchor);
    if (range) placed.push({ thread, start: range.start, end: range.end });
    else orphans.push(thread);
  }
  placed.sort((a, b) => a.start - b.start || a.end - b.end || a.thread.createdAt - b.thread.createdAt);
  return { placed, orphans };
}
