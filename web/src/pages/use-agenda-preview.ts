import { useCallback, useEffect, useRef, useState } from "react";
import { ApiRequestError, api } from "../api/api-client";

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
 * a moment after the request last changed. One is asked at a time: settings changed while it is
 * worked out are asked for when it comes back (the server works out one per project at a time, and
 * says so; then it is asked again shortly). A refusal comes back as `problem`.
 */
export function useAgendaPreview(projectId: string, body: object | null) {
  const key = body === null ? null : JSON.stringify(body);
  const [state, setState] = useState<{
    key: string | null;
    preview: AgendaPreview | null;
    problem: string | null;
  }>({ key: null, preview: null, problem: null });
  const wanted = useRef<string | null>(null);
  const asking = useRef(false);
  const ask = useCallback(() => {
    const asked = wanted.current;
    if (asking.current || asked === null) return;
    asking.current = true;
    let again = 0;
    api<{ preview: AgendaPreview }>("POST", `/projects/${projectId}/meetings/preview`, JSON.parse(asked))
      .then(
        (r) => setState({ key: asked, preview: r.preview, problem: null }),
        (error: Error) => {
          if (error instanceof ApiRequestError && error.status === 429) again = 1000;
          else setState({ key: asked, preview: null, problem: error.message });
        },
      )
      .finally(() => {
        asking.current = false;
        if (again > 0) setTimeout(ask, again);
        else if (wanted.current !== asked) ask();
      });
  }, [projectId]);
  useEffect(() => {
    wanted.current = key;
    if (key === null) return;
    const timer = setTimeout(ask, 250);
    return () => clearTimeout(timer);
  }, [key, ask]);
  useEffect(
    () => () => {
      wanted.current = null;
    },
    [],
  );
  // What was previewed for an earlier request is not this one's: it shows as being worked out.
  const fresh = state.key === key;
  return { preview: fresh ? state.preview : null, problem: fresh ? state.problem : null, pending: !fresh };
}
