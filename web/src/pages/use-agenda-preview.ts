import { useEffect, useState } from "react";
import { api } from "../api/api-client";

/** What a meeting prepared as asked would hold. */
export interface AgendaPreview {
  readonly items: number;
  readonly disagreements: number;
  readonly threads: number;
  /** Passages every coder coded alike (a round's meeting takes them into the shared codings). */
  readonly agreedPassages: number;
  readonly transcripts: number;
}

/**
 * The server's preview of the agenda a meeting request (`body`, null: not ready) would have, asked
 * again a moment after the request last changed; a refusal comes back as `problem`.
 */
export function useAgendaPreview(projectId: string, body: object | null) {
  const key = body === null ? null : JSON.stringify(body);
  const [state, setState] = useState<{
    key: string | null;
    preview: AgendaPreview | null;
    problem: string | null;
  }>({ key: null, preview: null, problem: null });
  useEffect(() => {
    if (key === null) return;
    let current = true;
    const timer = setTimeout(() => {
      api<{ preview: AgendaPreview }>(
        "POST",
        `/projects/${projectId}/meetings/preview`,
        JSON.parse(key),
      ).then(
        (r) => current && setState({ key, preview: r.preview, problem: null }),
        (error: Error) => current && setState({ key, preview: null, problem: error.message }),
      );
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [projectId, key]);
  // What was previewed for an earlier request is not this one's: it shows as being worked out.
  const fresh = state.key === key;
  return { preview: fresh ? state.preview : null, problem: fresh ? state.problem : null, pending: !fresh };
}
