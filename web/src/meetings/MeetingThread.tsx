import { useRef } from "react";
import type * as Y from "yjs";
import { SharedTextArea } from "./SharedTextArea";
import { useDecisionFocus } from "./use-decision-focus";

/** A thread marked for the meeting, as its item: the comments, the rationale, and resolving it. */
export function MeetingThread(props: {
  itemId: string;
  comments: readonly { id: string; authorId: string; body: string }[];
  rationale: Y.Text | null;
  readOnly: boolean;
  decision: { readonly version: number; readonly decidedBy: string } | undefined;
  canDecide: boolean;
  onResolve: () => void;
  nameOf: (userId: string) => string;
}) {
  const { itemId, comments, rationale, readOnly, decision, canDecide, onResolve, nameOf } = props;
  const decisionShown = useRef<HTMLParagraphElement>(null);
  const version = decision?.version;
  useDecisionFocus(version, decisionShown);
  return (
    <section aria-labelledby="item-heading" className="meeting-item">
      <h3 id="item-heading">A thread marked for the meeting</h3>
      <ol className="thread-comments">
        {comments.map((comment) => (
          <li key={comment.id}>
            <strong>{nameOf(comment.authorId)}</strong>: {comment.body}
          </li>
        ))}
      </ol>
      <h4>Rationale</h4>
      <SharedTextArea
        key={itemId}
        text={rationale}
        readOnly={readOnly}
        label="Rationale for this thread"
        maxLength={20_000}
      />
      {decision && (
        <p ref={decisionShown} className="decision" role="status" data-decision tabIndex={-1}>
          Decided (version {decision.version}) by {nameOf(decision.decidedBy)}: the thread is resolved.
        </p>
      )}
      {canDecide && !decision && (
        <button type="button" onClick={onResolve}>
          Decide: resolve the thread
        </button>
      )}
    </section>
  );
}
