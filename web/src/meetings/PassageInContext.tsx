import type { TurnSpan } from "@concord/anchoring";
import { codePointLength, utf16IndexOf } from "@concord/anchoring";
import { forwardRef, type ReactNode } from "react";
import { contextWindow } from "./context-window";

/** Characters of context shown on either side of a passage. */
export const CONTEXT = 300;

/**
 * A passage of a transcript's canonical text, marked, with the text around it: what a meeting reads
 * an item in. `start` and `end` are code point offsets; the context reaches `from`–`to` if given,
 * else whole words or turns around the passage. Each turn that begins in view shows its speaker
 * (as generated content, so that the text's own characters are all the element's text holds).
 */
export const PassageInContext = forwardRef<
  HTMLElement,
  {
    text: string;
    turns?: readonly TurnSpan[];
    start: number;
    end: number;
    from?: number;
    to?: number;
    label: string;
  }
>(function PassageInContext({ text, turns = [], start, end, from, to, label }, ref) {
  const around = contextWindow(text, turns, start, end, CONTEXT);
  const first = Math.max(0, from ?? around.from);
  const last = Math.min(codePointLength(text), to ?? around.to);
  const at = (offset: number) => utf16IndexOf(text, Math.max(first, Math.min(last, offset)));
  // Cut at the passage's ends and at every turn that starts in view.
  const cuts = [
    ...new Set([first, start, end, last, ...turns.map((t) => t.start).filter((s) => s > first && s < last)]),
  ]
    .filter((cut) => cut >= first && cut <= last)
    .sort((a, b) => a - b);
  const speakerAt = new Map(turns.map((t) => [t.start, t.speaker]));
  const pieces: ReactNode[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [a, b] = [cuts[i] as number, cuts[i + 1] as number];
    const speaker = speakerAt.get(a);
    if (speaker) pieces.push(<span key={`s${a}`} className="turn-speaker" data-speaker={speaker} />);
    const piece = text.slice(at(a), at(b));
    pieces.push(a >= start && b <= end ? <mark key={a}>{piece}</mark> : piece);
  }
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls takes the focus, so that keyboard users can scroll it.
    <section ref={ref} className="passage-text" aria-label={label} tabIndex={0}>
      {pieces}
    </section>
  );
});
