import { utf16IndexOf } from "@concord/anchoring";
import type { DisagreementItem, Outcome } from "@concord/meetings";
import type { CodeEntry } from "@concord/schema";
import { useEffect, useRef, useState } from "react";
import type * as Y from "yjs";
import { projectPeople } from "../collab/person-colours";
import { useObserved } from "../workspace/use-observed";
import { type CodebookChange, CodebookChangeForm } from "./CodebookChangeForm";
import { CoverageBar } from "./CoverageBar";
import { DecisionChoices } from "./DecisionChoices";
import { PassageInContext } from "./PassageInContext";
import { SharedTextArea } from "./SharedTextArea";
import { useDecisionFocus } from "./use-decision-focus";
import type { TranscriptReading } from "./use-transcript-text";
import { VersionQuote } from "./VersionQuote";

const REASONS: Record<DisagreementItem["reason"], string> = {
  presence: "applied by some coders, not others",
  substitution: "different codes on the same passage",
  boundaries: "the same code, with boundaries further apart than the tolerance",
};

/** A decision as the meeting page shows it. */
export interface ShownDecision {
  readonly version: number;
  readonly outcome: Outcome;
  readonly decidedBy: string;
  /** The rationale recorded with it (the room's text when it was made). */
  readonly rationale: string;
}

/** A codebook change as the meeting page lists it. */
export interface ShownCodebookChange {
  readonly seq: number;
  readonly codeId: string;
  readonly kind: string;
  readonly note: string;
  readonly actorId: string | null;
  readonly cause: { readonly itemId: string } | null;
}

/**
 * The item a meeting is on: where and why it is on the agenda, the code's definition, each coder's
 * version side by side, the rationale typed together, and the decision (buttons for who decides).
 */
export function MeetingItem(props: {
  item: DisagreementItem;
  decision: ShownDecision | undefined;
  code: CodeEntry | undefined;
  transcriptName: string;
  quotes: ReadonlyMap<string, string>;
  rationale: Y.Text | null;
  readOnly: boolean;
  canDecide: boolean;
  onDecide: (outcome: Outcome) => void;
  codes: readonly CodeEntry[];
  /** The transcript's text and turns: the passage's context, and boundaries set by hand. */
  reading: TranscriptReading | null;
  /** The codebook changes made on this item. */
  changes: readonly ShownCodebookChange[];
  /** Makes a change to the codebook; true once it is made. */
  onCodebookChange: (change: CodebookChange) => Promise<boolean>;
  note: string | null;
  nameOf: (userId: string) => string;
  codeName: (codeId: string) => string;
  /** Other items on an overlapping passage (another code coded there), to be decided together. */
  related: readonly { readonly id: string; readonly label: string; readonly decided: boolean }[];
  onGo: (itemId: string) => void;
}) {
  const {
    item,
    decision,
    code,
    transcriptName,
    quotes,
    rationale,
    readOnly,
    canDecide,
    onDecide,
    codes,
    reading,
    changes,
    onCodebookChange,
    note,
    nameOf,
    codeName,
    related,
    onGo,
  } = props;
  // A decided item's choices are behind "Reopen", so that no stray click changes a decision.
  const [reopening, setReopening] = useState(false);
  const decisionShown = useRef<HTMLParagraphElement>(null);
  const typed = useObserved(rationale, () => rationale?.toString() ?? "");
  const version = decision?.version;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new version (anyone's) closes the reopened choices.
  useEffect(() => setReopening(false), [version]);
  useDecisionFocus(version, decisionShown);
  return (
    <section aria-labelledby="item-heading" className="meeting-item">
      <h3 id="item-heading">
        “{codeName(item.codeId)}” in {transcriptName}
        {turnWords(reading, item.start)}
      </h3>
      <p className="hint" data-item-where>
        {REASONS[item.reason]} · characters {item.start}–{item.end}
      </p>
      {code?.mergedInto && (
        <p className="notice" data-code-changed>
          “{code.name}” has been merged into “{codeName(code.mergedInto)}”: what is decided here counts as “
          {codeName(code.mergedInto)}”.
        </p>
      )}
      {code?.archived && !code.mergedInto && (
        <p className="notice" data-code-changed>
          “{code.name}” is archived: keeping a version codes the passage with it still. To code it with a code
          in use, choose that code under Another code.
        </p>
      )}
      {related.length > 0 && (
        <p className="notice" data-related>
          Also on this passage, to decide together:{" "}
          {related.map((other, i) => (
            <span key={other.id}>
              {i > 0 && ", "}
              <button type="button" className="link-button" onClick={() => onGo(other.id)}>
                “{other.label}”
              </button>
              {other.decided ? " (decided)" : ""}
            </span>
          ))}
        </p>
      )}
      {code && (
        <dl className="definition">
          {code.description && (
            <>
              <dt>Definition</dt>
              <dd>{code.description}</dd>
            </>
          )}
          {code.inclusion && (
            <>
              <dt>Include</dt>
              <dd>{code.inclusion}</dd>
            </>
          )}
          {code.exclusion && (
            <>
              <dt>Exclude</dt>
              <dd>{code.exclusion}</dd>
            </>
          )}
          {code.example && (
            <>
              <dt>Example</dt>
              <dd>{code.example}</dd>
            </>
          )}
        </dl>
      )}
      {reading && (
        <PassageInContext
          text={reading.text}
          turns={reading.turns}
          start={item.start}
          end={item.end}
          label="The passage in its context"
        />
      )}
      <div className="versions">
        {Object.entries(item.versions).map(([coderId, codings]) => (
          <div key={coderId} className="version" data-version={nameOf(coderId)}>
            <h4>{nameOf(coderId)}</h4>
            <CoverageBar passage={item} stretches={codings} color={projectPeople.of(coderId)} />
            {codings.length === 0 ? (
              <p className="hint">
                Did not apply it
                {item.alternatives[coderId]
                  ? `; applied ${item.alternatives[coderId]?.map(codeName).join(", ")} instead`
                  : ""}
                .
              </p>
            ) : (
              codings.map((c) => (
                <VersionQuote
                  key={c.id}
                  title={`characters ${c.start}–${c.end}`}
                  text={
                    quotes.get(c.id) ??
                    (reading
                      ? reading.text.slice(
                          utf16IndexOf(reading.text, c.start),
                          utf16IndexOf(reading.text, c.end),
                        )
                      : `characters ${c.start}–${c.end}`)
                  }
                />
              ))
            )}
          </div>
        ))}
      </div>
      <h4>Rationale</h4>
      <SharedTextArea
        key={item.id}
        text={rationale}
        readOnly={readOnly}
        label={`Rationale for “${codeName(item.codeId)}” here`}
        maxLength={20_000}
      />
      {!rationale && (
        <p className="hint">The rationale opens when the facilitator brings the meeting to this item.</p>
      )}
      {decision && typed.trim() !== decision.rationale.trim() && (
        <p className="notice" data-rationale-changed>
          The rationale has changed since version {decision.version} was decided: the minutes keep the one
          recorded with it. Reopen the decision and decide again to record this one.
        </p>
      )}
      {decision && (
        <p ref={decisionShown} className="decision" role="status" data-decision tabIndex={-1}>
          Decided (version {decision.version}) by {nameOf(decision.decidedBy)}:{" "}
          {outcomeWords(decision.outcome, nameOf, codeName)}.
        </p>
      )}
      {canDecide && decision && !reopening && (
        <p>
          <button type="button" className="secondary" onClick={() => setReopening(true)}>
            Reopen this decision…
          </button>
        </p>
      )}
      {canDecide && decision && reopening && (
        <p className="hint" role="status">
          Reopened: a new decision becomes version {decision.version + 1}; the log and the minutes keep
          version {decision.version}.{" "}
          <button type="button" className="link-button" onClick={() => setReopening(false)}>
            Keep it as it is
          </button>
        </p>
      )}
      {canDecide && (!decision || reopening) && (
        <DecisionChoices
          item={item}
          decided={decision !== undefined}
          codes={codes}
          reading={reading}
          nameOf={nameOf}
          onDecide={onDecide}
        />
      )}
      {changes.length > 0 && (
        <>
          <h4>Codebook changes made here</h4>
          <ul className="codebook-changes">
            {changes.map((change) => (
              <li key={change.seq}>
                “{codeName(change.codeId)}”:{" "}
                {change.note || (change.kind === "edit" ? "definition refined" : change.kind)}
                {change.actorId ? `, by ${nameOf(change.actorId)}` : ""}
              </li>
            ))}
          </ul>
        </>
      )}
      {canDecide && code && (
        <CodebookChangeForm key={code.id} code={code} codes={codes} onChange={onCodebookChange} />
      )}
      {note && (
        <p className="hint" role="status">
          {note}
        </p>
      )}
    </section>
  );
}

function outcomeWords(
  outcome: Outcome,
  nameOf: (id: string) => string,
  codeName: (id: string) => string,
): string {
  switch (outcome.kind) {
    case "keep":
      return `keep ${nameOf(outcome.coderId)}'s version`;
    case "union":
      return "the union of every version";
    case "intersection":
      return "the intersection of every version";
    case "ranges":
      return "boundaries set by hand";
    case "code":
      return `code it “${codeName(outcome.codeId)}”`;
    case "none":
      return "no code here";
  }
}

/** Where a passage begins, as a reader finds it: the turn's number and speaker (empty until read). */
function turnWords(reading: TranscriptReading | null, start: number): string {
  const at = reading?.turns.findIndex((turn) => turn.start <= start && start < turn.end) ?? -1;
  const turn = reading?.turns[at];
  if (!turn) return "";
  return `, turn ${at + 1}${turn.speaker ? ` (${turn.speaker})` : ""}`;
}
