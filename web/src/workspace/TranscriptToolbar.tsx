import type { CodingHistory, HistoryState } from "../collab/coding-history";
import { LayerChooser } from "./LayerChooser";
import type { WorkspaceModel, WorkspaceSnapshot } from "./workspace-model";

/**
 * The bar above the text: which codings are shown and whose, undo and redo of one's own codings
 * (named after what they would undo), the owner's switch to correct the text, and a line saying what
 * this person can do here (or what just happened).
 */
export function TranscriptToolbar(props: {
  model: WorkspaceModel;
  snapshot: WorkspaceSnapshot;
  nameOf: (userId: string) => string;
  userId: string;
  /** Who has codings in what is shown. */
  coders: readonly string[];
  coderFilter: string;
  onCoderFilter: (filter: string) => void;
  history: CodingHistory | null;
  steps: HistoryState;
  canCode: boolean;
  canEditText: boolean;
  correcting: boolean;
  onCorrecting: (correcting: boolean) => void;
  hint: string;
}) {
  const { snapshot, steps, history } = props;
  const oneLayer = snapshot.shown.kind === "layers" && snapshot.shown.coderIds.length === 1;
  return (
    <div className="toolbar">
      <LayerChooser model={props.model} snapshot={snapshot} nameOf={props.nameOf} />
      {!oneLayer && (
        <label>
          Show codings by{" "}
          <select
            value={props.coderFilter}
            onChange={(e) => props.onCoderFilter(e.target.value)}
            aria-label="Show codings by"
          >
            <option value="all">everyone</option>
            <option value="mine">me only</option>
            {props.coders
              .filter((id) => id !== props.userId)
              .map((id) => (
                <option key={id} value={id}>
                  {props.nameOf(id)}
                </option>
              ))}
          </select>
        </label>
      )}
      {props.canCode && (
        <>
          <button
            type="button"
            onClick={() => history?.undo()}
            disabled={steps.undo === null}
            className="history-button"
            title={steps.undo ? `Undo ${steps.undo} (Ctrl+Z)` : "Nothing of yours to undo"}
          >
            {steps.undo ? `Undo ${steps.undo}` : "Undo"}
          </button>
          <button
            type="button"
            onClick={() => history?.redo()}
            disabled={steps.redo === null}
            className="history-button"
            title={steps.redo ? `Redo ${steps.redo} (Ctrl+Shift+Z)` : "Nothing to redo"}
          >
            {steps.redo ? `Redo ${steps.redo}` : "Redo"}
          </button>
        </>
      )}
      {props.canEditText && (
        <label className="checkbox">
          <input
            type="checkbox"
            checked={props.correcting}
            onChange={(e) => props.onCorrecting(e.target.checked)}
          />
          Correct the text
        </label>
      )}
      {!props.correcting && (
        <span className="hint" role="status">
          {props.hint}
        </span>
      )}
    </div>
  );
}
