import { codePointLength, type TurnSpan, utf16IndexOf } from "@concord/anchoring";

/**
 * The stretch of text to show around a passage [start, end): up to `reach` code points on either
 * side, from the start of the passage's first turn and to the end of its last if they lie within
 * reach, else from and to whole words (never from the middle of one).
 */
export function contextWindow(
  text: string,
  turns: readonly TurnSpan[],
  start: number,
  end: number,
  reach: number,
): { from: number; to: number } {
  const length = codePointLength(text);
  const lo = Math.max(0, start - reach);
  const hi = Math.min(length, end + reach);
  const firstTurn = turns.findLast((turn) => turn.start <= start);
  const lastTurn = turns.find((turn) => turn.end >= end);
  let from = lo;
  if (firstTurn && firstTurn.start >= lo) from = firstTurn.start;
  else if (lo > 0) {
    // From the first whole word within reach.
    const before = Array.from(text.slice(utf16IndexOf(text, lo), utf16IndexOf(text, start)));
    const space = before.findIndex((ch) => /\s/u.test(ch));
    if (space >= 0) from = lo + space + 1;
  }
  let to = hi;
  if (lastTurn && lastTurn.end <= hi) to = lastTurn.end;
  else if (hi < length) {
    // To the last whole word within reach.
    const after = Array.from(text.slice(utf16IndexOf(text, end), utf16IndexOf(text, hi)));
    const space = after.findLastIndex((ch) => /\s/u.test(ch));
    if (space >= 0) to = end + space;
  }
  return { from: Math.min(from, start), to: Math.max(to, end) };
}
