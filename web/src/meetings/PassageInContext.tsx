import { codePointLength, utf16IndexOf } from "@concord/anchoring";
import { forwardRef } from "react";

/** Characters of context shown on either side of a passage. */
export const CONTEXT = 300;

/**
 * A passage of a transcript's canonical text, marked, with the text around it: what a meeting reads
 * an item in. `start` and `end` are code point offsets; the context reaches `from`–`to` if given.
 */
export const PassageInContext = forwardRef<
  HTMLElement,
  { text: string; start: number; end: number; from?: number; to?: number; label: string }
>(function PassageInContext({ text, start, end, from, to, label }, ref) {
  const first = Math.max(0, from ?? start - CONTEXT);
  const last = Math.min(codePointLength(text), to ?? end + CONTEXT);
  const at = (offset: number) => utf16IndexOf(text, Math.max(first, Math.min(last, offset)));
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls takes the focus, so that keyboard users can scroll it.
    <section ref={ref} className="passage-text" aria-label={label} tabIndex={0}>
      {text.slice(at(first), at(start))}
      <mark>{text.slice(at(start), at(end))}</mark>
      {text.slice(at(end), at(last))}
    </section>
  );
});
