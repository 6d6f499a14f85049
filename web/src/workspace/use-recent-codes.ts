import { useCallback, useState } from "react";

function recentKey(projectId: string): string {
  return `concord:recent-codes:${projectId}`;
}

/**
 * The nine codes this person applied last in the project, newest first (keys 1–9 apply them), kept
 * in this browser; and how to put a code at their head.
 */
export function useRecentCodes(projectId: string): [readonly string[], (codeId: string) => void] {
  const [recent, setRecent] = useState<string[]>(() =>
    JSON.parse(localStorage.getItem(recentKey(projectId)) ?? "[]"),
  );
  const remember = useCallback(
    (codeId: string) => {
      setRecent((previous) => {
        if (previous[0] === codeId) return previous;
        const next = [codeId, ...previous.filter((id) => id !== codeId)].slice(0, 9);
        localStorage.setItem(recentKey(projectId), JSON.stringify(next));
        return next;
      });
    },
    [projectId],
  );
  return [recent, remember];
}
