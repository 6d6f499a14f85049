import { agreedIn, type CodeEntry, effectiveCodeId } from "@concord/schema";
import type { PlacedCoding } from "../collab/coding-ranges";

/**
 * The side panel's "Here": the codings under the cursor, whose and when, with a thread to start on
 * each and (for what this person may remove) a Remove; and the codings whose text was deleted, with
 * a way to attach one to the selection.
 */
export function CodingsHere(props: {
  atCursor: readonly PlacedCoding[];
  codes: ReadonlyMap<string, CodeEntry>;
  userId: string;
  nameOf: (userId: string) => string;
  canComment: boolean;
  /** Whether this person may remove a coding that is not a meeting's decision. */
  mayRemove: (placed: PlacedCoding) => boolean;
  onDiscuss: (placed: PlacedCoding) => void;
  onRemove: (placed: PlacedCoding, codeName: string | undefined) => void;
  orphans: number;
  /** Attaches the first orphan to the selection; null when nothing may be attached now. */
  onReattach: (() => void) | null;
  canReattach: boolean;
}) {
  const { atCursor, codes, userId, nameOf } = props;
  return (
    <>
      <h3>Here</h3>
      {atCursor.length === 0 && (
        <p className="hint">Put the cursor in a highlight to see its codes and coders.</p>
      )}
      <ul>
        {atCursor.map((placed) => {
          const code = codes.get(effectiveCodeId(codes, placed.coding.codeId));
          const mine = placed.coding.coderId === userId;
          // A meeting's decision: it changes only when the decision is reopened in the meeting.
          const decided = placed.coding.decisionId !== undefined;
          return (
            <li key={placed.id} data-coding-info={code?.name} data-decided={decided || undefined}>
              <i className="dot" style={{ background: code?.color ?? "#888" }} />{" "}
              <strong>{code?.name ?? "deleted code"}</strong>
              <br />
              <span className="hint">
                {decided
                  ? agreedIn(placed.coding.decisionId)
                    ? "coded alike by every coder of a round, taken in by "
                    : "decided in a meeting by "
                  : ""}
                {mine ? "you" : nameOf(placed.coding.coderId)},{" "}
                {new Date(placed.coding.createdAt).toLocaleString()}
              </span>{" "}
              {props.canComment && (
                <button type="button" className="link-button" onClick={() => props.onDiscuss(placed)}>
                  Discuss
                </button>
              )}{" "}
              {!decided && props.mayRemove(placed) && (
                <button
                  type="button"
                  className="link-button"
                  onClick={() => props.onRemove(placed, code?.name)}
                >
                  Remove
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {props.orphans > 0 && (
        <div className="orphans">
          <p>
            {props.orphans} coding{props.orphans === 1 ? "'s" : "s'"} text was deleted.
          </p>
          {props.onReattach && (
            <button type="button" onClick={props.onReattach} disabled={!props.canReattach}>
              Attach one to the selection
            </button>
          )}
        </div>
      )}
    </>
  );
}
