import { useEffect, useRef } from "react";
import type * as Y from "yjs";
import { SharedTextArea } from "./SharedTextArea";

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
  useEffect(() => {
    // The button just pressed is gone: the focus goes to the decision, not to the page's start.
    if (version !== undefined && (document.activeElement === document.body || !document.activeElement))
      decisionShown.current?.focus();
  }, [version]);
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
