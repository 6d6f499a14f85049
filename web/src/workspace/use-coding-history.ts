import { type RefObject, useCallback, useEffect, useMemo, useSyncExternalStore } from "react";
import type * as Y from "yjs";
import { CodingHistory, type HistoryState } from "../collab/coding-history";
import { coalescedAfterPaint } from "./after-paint";

const NO_STEPS: HistoryState = { undo: null, redo: null };

/**
 * Undo and redo of this person's codings in `targetDoc` (none without one): the history, what its
 * next steps are called, and Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y from anywhere but a text field or the
 * text while it is being corrected (`correcting`).
 */
export function useCodingHistory(
  targetDoc: Y.Doc | null,
  correcting: RefObject<boolean>,
): { history: CodingHistory | null; steps: HistoryState } {
  const history = useMemo(() => (targetDoc ? new CodingHistory(targetDoc) : null), [targetDoc]);
  useEffect(() => () => history?.destroy(), [history]);
  const steps = useSyncExternalStore(
    useCallback(
      (listener: () => void) => history?.subscribe(coalescedAfterPaint(listener)) ?? (() => {}),
      [history],
    ),
    () => history?.current() ?? NO_STEPS,
  );
  useEffect(() => {
    if (!history) return;
    const handle = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (
        target &&
        (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.tagName === "SELECT")
      )
        return;
      if (correcting.current && target?.closest(".transcript")) return;
      const mod = event.metaKey || event.ctrlKey;
      if (mod && event.key.toLowerCase() === "z") {
        event.preventDefault();
        if (event.shiftKey) history.redo();
        else history.undo();
      } else if (mod && event.key.toLowerCase() === "y") {
        event.preventDefault();
        history.redo();
      }
    };
    window.addEventListener("keydown", handle);
    return () => window.removeEventListener("keydown", handle);
  }, [history, correcting]);
  return { history, steps };
}
