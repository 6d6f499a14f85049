import type { CodeEntry } from "@concord/schema";
import { CodePicker } from "./CodePicker";

/** Where the text's selection is, in the frame of the editor's scrolling box, and what it says. */
export interface TextSelection {
  readonly from: number;
  readonly to: number;
  readonly left: number;
  /** The top of the selection's last line (where its buttons sit), from the frame's top. */
  readonly top: number;
  /** The bottom of the selection's last line, in the same frame as `top`. */
  readonly bottom: number;
  /** The top of the selection's first line, in the same frame. */
  readonly firstTop: number;
  readonly text: string;
}

/**
 * What can be done with a selection, beside it in the speaker gutter: Code… (which opens the code
 * picker in its place) for a coder, and Comment… for anyone who may comment.
 */
export function SelectionActions(props: {
  selection: TextSelection | null;
  pickerOpen: boolean;
  canCode: boolean;
  canComment: boolean;
  codes: readonly CodeEntry[];
  recent: readonly string[];
  canCreateCodes: boolean;
  onOpenPicker: () => void;
  onComment: () => void;
  onApply: (codeId: string) => void;
  onCreate: (name: string) => void;
  onClosePicker: () => void;
}) {
  const { selection, pickerOpen, canCode } = props;
  if (!selection) return null;
  if (pickerOpen) {
    return canCode ? (
      <CodePicker
        codes={props.codes}
        recent={props.recent}
        canCreate={props.canCreateCodes}
        position={{ left: selection.left, below: selection.bottom + 4, above: selection.firstTop - 4 }}
        onApply={props.onApply}
        onCreate={props.onCreate}
        onClose={props.onClosePicker}
      />
    ) : null;
  }
  return (
    <>
      {canCode && (
        <button
          type="button"
          className="code-button"
          data-selection={selection.text}
          style={{ left: selection.left, top: selection.top }}
          onMouseDown={(e) => e.preventDefault()}
          onClick={props.onOpenPicker}
        >
          Code…
        </button>
      )}
      {props.canComment && (
        <button
          type="button"
          className="comment-button"
          style={{ left: selection.left, top: selection.top + (canCode ? 30 : 0) }}
          onMouseDown={(e) => e.preventDefault()}
          onClick={props.onComment}
        >
          Comment…
        </button>
      )}
    </>
  );
}
