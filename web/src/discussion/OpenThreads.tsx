import type { Thread } from "@concord/discussion";
import { useCallback, useEffect, useState } from "react";
import { Link } from "wouter";
import { api } from "../api/api-client";
import { sinceWhen } from "../components/since-when";

interface Listed {
  readonly transcriptId: string | null;
  readonly transcriptName: string | null;
  readonly thread: Thread;
}

/** Every open thread of the project, across its transcripts and codes, newest activity first. */
export function OpenThreads(props: {
  projectId: string;
  nameOf: (userId: string) => string;
  codeName: (codeId: string) => string;
  /** Changes whenever the list may have changed (the page's cue to fetch it again). */
  refresh: unknown;
}) {
  const [threads, setThreads] = useState<Listed[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      const result = await api<{ threads: Listed[] }>(
        "GET",
        `/projects/${props.projectId}/discussions/threads`,
      );
      const last = (t: Thread) => Math.max(...t.comments.map((c) => c.createdAt));
      setThreads(result.threads.sort((a, b) => last(b.thread) - last(a.thread)));
      setProblem(null);
    } catch (error) {
      setProblem((error as Error).message);
    }
  }, [props.projectId]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: refresh is the trigger
  useEffect(() => {
    void load();
  }, [load, props.refresh]);
  // Threads start and end in every transcript's discussion; look again now and then, and on return.
  useEffect(() => {
    const timer = setInterval(() => void load(), 30_000);
    window.addEventListener("focus", load);
    return () => {
      clearInterval(timer);
      window.removeEventListener("focus", load);
    };
  }, [load]);
  return (
    <section aria-labelledby="open-threads-heading" className="open-threads">
      <h3 id="open-threads-heading">Open threads</h3>
      <button type="button" className="link-button" onClick={() => void load()}>
        Refresh
      </button>
      {problem && <p role="alert">{problem}</p>}
      {threads?.length === 0 && <p className="hint">No open threads. Everything discussed is resolved.</p>}
      <ul className="project-list" aria-label="Open threads">
        {threads?.map(({ transcriptId, transcriptName, thread }) => {
          const first = thread.comments[0];
          const latest = thread.comments.at(-1);
          const about =
            thread.target.kind === "code"
              ? `the code ${props.codeName(thread.target.codeId)}`
              : `“${thread.target.anchor.quote.exact}”`;
          return (
            <li key={thread.id}>
              {transcriptId ? (
                <Link href={`/projects/${props.projectId}/transcripts/${transcriptId}?thread=${thread.id}`}>
                  {transcriptName}: {about}
                </Link>
              ) : (
                <span>{about}</span>
              )}
              {thread.forMeeting && <span className="decided-mark">for the meeting</span>}{" "}
              <span className="hint">
                {first ? props.nameOf(first.authorId) : ""} · {thread.comments.length} comment
                {thread.comments.length === 1 ? "" : "s"} · {latest ? sinceWhen(latest.createdAt) : ""}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
