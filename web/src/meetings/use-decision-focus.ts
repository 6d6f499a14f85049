import { type RefObject, useEffect } from "react";

/**
 * Moves the focus to the shown decision when a new version of it arrives and the focus was lost
 * with the buttons that made it (on the page's body, or on the choices about to go).
 */
export function useDecisionFocus(version: number | undefined, shown: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const focused = document.activeElement;
    if (version !== undefined && (!focused || focused === document.body || focused.closest(".decide")))
      shown.current?.focus();
  }, [version, shown]);
}
