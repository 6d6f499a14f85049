import type { DisagreementItem, Outcome } from "@concord/meetings";
import type { CodeEntry } from "@concord/schema";
import { useId, useState } from "react";
import { BoundaryPicker } from "./BoundaryPicker";
import type { TranscriptReading } from "./use-transcript-text";

/**
 * What a decider may decide on an item: keep one coder's version, the union, the intersection,
 * another code of the codebook, boundaries set by hand on the text, or no code.
 */
export function DecisionChoices(props: {
  item: DisagreementItem;
  decided: boolean;
  codes: readonly CodeEntry[];
  /** The transcript's text and turns, for boundaries by hand (null until it is read). */
  reading: TranscriptReading | null;
  nameOf: (userId: string) => string;
  onDecide: (outcome: Outcome) => void;
}) {
  const { item, decided, codes, reading, nameOf, onDecide } = props;
  const id = useId();
  const others = codes.filter((c) => c.id !== item.codeId && !c.archived && c.mergedInto === null);
  const [other, setOther] = useState("");
  const [byHand, setByHand] = useState(false);
  const spans = Object.values(item.versions).flat();
  const start = spans.length ? Math.min(...spans.map((c) => c.start)) : item.start;
  const end = spans.length ? Math.max(...spans.map((c) => c.end)) : item.end;
  return (
    <fieldset className="decide">
      <legend className="visually-hidden">{decided ? "Change the decision" : "Decide"}</legend>
      {Object.entries(item.versions)
        .filter(([, codings]) => codings.length > 0)
        .map(([coderId]) => (
          <button key={coderId} type="button" onClick={() => onDecide({ kind: "keep", coderId })}>
            Keep {nameOf(coderId)}'s version
          </button>
        ))}
      {/* With one version, the union is that version; with a coder who did not code it, the intersection is nothing. */}
      {item.coders.with.length > 1 && (
        <button type="button" onClick={() => onDecide({ kind: "union" })}>
          Union
        </button>
      )}
      {item.coders.without.length === 0 && (
        <button type="button" onClick={() => onDecide({ kind: "intersection" })}>
          Intersection
        </button>
      )}
      <button type="button" className="secondary" onClick={() => onDecide({ kind: "none" })}>
        No code
      </button>
      <button type="button" className="secondary" aria-expanded={byHand} onClick={() => setByHand(!byHand)}>
        Boundaries by hand…
      </button>
      {others.length > 0 && (
        <span className="other-code">
          <label htmlFor={`${id}-code`}>Another code</label>
          <select id={`${id}-code`} value={other} onChange={(event) => setOther(event.target.value)}>
            <option value="">Choose…</option>
            {others.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
          <button type="button" disabled={!other} onClick={() => onDecide({ kind: "code", codeId: other })}>
            Code it so
          </button>
        </span>
      )}
      {byHand &&
        (reading?.text ? (
          <BoundaryPicker
            text={reading.text}
            turns={reading.turns}
            start={start}
            end={end}
            onSet={(from, to) => onDecide({ kind: "ranges", ranges: [{ start: from, end: to }] })}
          />
        ) : (
          <p className="hint">Reading the transcript…</p>
        ))}
    </fieldset>
  );
}
