import type { TurnSpan } from "@concord/anchoring";
import { codePointLength, codePointOffsetOf } from "@concord/anchoring";
import { useId, useRef, useState } from "react";
import { contextWindow } from "./context-window";
import { CONTEXT, PassageInContext } from "./PassageInContext";

/**
 * Boundaries set by hand on the text: the passage with its context, where a selection (by mouse or
 * by keyboard) becomes the boundaries, or the start and end typed as character offsets.
 */
export function BoundaryPicker(props: {
  /** The transcript's canonical text. */
  text: string;
  /** Its speaker turns, shown with their speakers in the context. */
  turns: readonly TurnSpan[];
  start: number;
  end: number;
  onSet: (start: number, end: number) => void;
}) {
  const { text, turns, onSet } = props;
  const [start, setStart] = useState(props.start);
  const [end, setEnd] = useState(props.end);
  const [problem, setProblem] = useState<string | null>(null);
  const shown = useRef<HTMLElement>(null);
  const id = useId();
  const length = codePointLength(text);
  const { from, to } = contextWindow(
    text,
    turns,
    Math.max(0, Math.min(start, props.start)),
    Math.min(length, Math.max(end, props.end)),
    CONTEXT,
  );
  const takeSelection = () => {
    const selection = window.getSelection();
    const box = shown.current;
    if (!selection || selection.rangeCount === 0 || !box || selection.isCollapsed) {
      setProblem("Select the passage in the text first.");
      return;
    }
    const range = selection.getRangeAt(0);
    if (!box.contains(range.startContainer) || !box.contains(range.endContainer)) {
      setProblem("Select within the passage shown here.");
      return;
    }
    const offsetOf = (node: Node, offset: number) => {
      const before = document.createRange();
      before.setStart(box, 0);
      before.setEnd(node, offset);
      const shownText = box.textContent ?? "";
      return from + codePointOffsetOf(shownText, before.toString().length);
    };
    setProblem(null);
    setStart(offsetOf(range.startContainer, range.startOffset));
    setEnd(offsetOf(range.endContainer, range.endOffset));
  };
  return (
    <section className="boundary-picker" aria-labelledby={`${id}-heading`}>
      <h4 id={`${id}-heading`}>Boundaries by hand</h4>
      <p className="hint">
        Select the words the code should cover in the passage below and choose Use the selection, or type the
        first and last characters.
      </p>
      <PassageInContext
        ref={shown}
        text={text}
        turns={turns}
        start={start}
        end={end}
        from={from}
        to={to}
        label="The passage and its context"
      />
      <div className="boundary-fields">
        <button type="button" className="secondary" onClick={takeSelection}>
          Use the selection
        </button>
        <label htmlFor={`${id}-start`}>From character</label>
        <input
          id={`${id}-start`}
          type="number"
          min={0}
          max={length}
          value={start}
          onChange={(event) => setStart(Number(event.target.value))}
        />
        <label htmlFor={`${id}-end`}>to</label>
        <input
          id={`${id}-end`}
          type="number"
          min={0}
          max={length}
          value={end}
          onChange={(event) => setEnd(Number(event.target.value))}
        />
        <button
          type="button"
          onClick={() => {
            if (!(start >= 0 && end > start && end <= length)) {
              setProblem(`Choose a start before the end, within the transcript's ${length} characters.`);
              return;
            }
            setProblem(null);
            onSet(start, end);
          }}
        >
          Decide these boundaries
        </button>
      </div>
      {problem && (
        <p className="hint" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}
