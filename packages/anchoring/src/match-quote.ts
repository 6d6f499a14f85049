import { codePointLength, codePointOffsetOf } from "./transcript-index";

/** The quote selector of an anchor. */
export interface Quote {
  readonly prefix: string;
  readonly exact: string;
  readonly suffix: string;
}

function commonSuffixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n += 1;
  return n;
}

function commonPrefixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n += 1;
  return n;
}

/**
 * Finds the quote's exact text in `text`, preferring the occurrence whose surroundings match the
 * quote's prefix and suffix best, then the one nearest `near` (a code point offset). Returns
 * canonical offsets in code points, or null when the exact text no longer occurs.
 */
export function matchQuote(text: string, quote: Quote, near?: number): { start: number; end: number } | null {
  if (!quote.exact) return null;
  let best: { index: number; score: number; distance: number } | null = null;
  for (let index = text.indexOf(quote.exact); index >= 0; index = text.indexOf(quote.exact, index + 1)) {
    const before = text.slice(Math.max(0, index - quote.prefix.length * 2), index);
    const after = text.slice(
      index + quote.exact.length,
      index + quote.exact.length + quote.suffix.length * 2,
    );
    const score = commonSuffixLength(before, quote.prefix) + commonPrefixLength(after, quote.suffix);
    const start = codePointOffsetOf(text, index);
    const distance = near === undefined ? 0 : Math.abs(start - near);
    if (!best || score > best.score || (score === best.score && distance < best.distance)) {
      best = { index, score, distance };
    }
  }
  if (!best) return null;
  const start = codePointOffsetOf(text, best.index);
  return { start, end: start + codePointLength(quote.exact) };
}
