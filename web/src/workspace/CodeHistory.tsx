import { useState } from "react";
import { Link } from "wouter";
import { api } from "../api/api-client";
import type { Person } from "../discussion/Composer";

interface Change {
  readonly seq: number;
  readonly kind: "create" | "edit" | "merge" | "split";
  readonly fields: Readonly<Record<string, { readonly before: unknown; readonly after: unknown }>>;
  readonly note: string;
  readonly actorId: string | null;
  readonly at: number;
  readonly cause: {
    readonly meetingId: string;
    readonly itemId: string;
    readonly decisionId: string | null;
  } | null;
}

const FIELD_NAMES: Readonly<Record<string, string>> = {
  name: "Name",
  description: "Definition",
  inclusion: "Include when",
  exclusion: "Exclude when",
  example: "Example",
  archived: "Archived",
  mergedInto: "Merged into",
  parentId: "Inside",
  color: "Colour",
};

const KINDS: Readonly<Record<Change["kind"], string>> = {
  create: "Created",
  edit: "Changed",
  merge: "Merged",
  split: "Split",
};

/**
 * A code's history, read from the server when opened: every change, by whom and when, each field
 * before and after, and the meeting it came from.
 */
export function CodeHistory(props: {
  projectId: string;
  codeId: string;
  members: readonly Person[];
  codeName: (codeId: string) => string;
}) {
  const { projectId, codeId, members, codeName } = props;
  const [changes, setChanges] = useState<readonly Change[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const nameOf = (id: string | null) =>
    id ? (members.find((m) => m.userId === id)?.name ?? "a former member") : "the server";
  const shown = (key: string, value: unknown) => {
    if (value === null || value === undefined || value === "") return "(none)";
    if ((key === "mergedInto" || key === "parentId") && typeof value === "string") return codeName(value);
    if (typeof value === "boolean") return value ? "yes" : "no";
    return String(value);
  };
  return (
    <details
      className="code-history"
      onToggle={(event) => {
        if (!(event.currentTarget as HTMLDetailsElement).open) return;
        setProblem(null);
        api<{ changes: Change[] }>("GET", `/projects/${projectId}/codes/${codeId}/history`).then(
          (answer) => setChanges(answer.changes),
          (error: unknown) => setProblem((error as Error).message),
        );
      }}
    >
      <summary>History</summary>
      {problem && <p role="alert">{problem}</p>}
      {changes === null && !problem && <p className="hint">Reading the history…</p>}
      {changes?.length === 0 && <p className="hint">No changes recorded yet.</p>}
      <ol>
        {[...(changes ?? [])].reverse().map((change) => (
          <li key={change.seq}>
            <p>
              <strong>{KINDS[change.kind]}</strong>
              {change.note ? ` (${change.note})` : ""} by {nameOf(change.actorId)},{" "}
              <time dateTime={new Date(change.at).toISOString()}>{new Date(change.at).toLocaleString()}</time>
              {change.cause && (
                <>
                  {" "}
                  in <Link href={`/projects/${projectId}/meetings/${change.cause.meetingId}`}>a meeting</Link>
                  {change.cause.decisionId ? " (with the item's decision)" : " (before the item was decided)"}
                </>
              )}
            </p>
            {change.kind !== "create" && Object.keys(change.fields).length > 0 && (
              <dl>
                {Object.entries(change.fields)
                  .filter(([key, { before, after }]) => shown(key, before) !== shown(key, after))
                  .map(([key, { before, after }]) => (
                    <div key={key}>
                      <dt>{FIELD_NAMES[key] ?? key}</dt>
                      <dd>
                        <del>{shown(key, before)}</del> → <ins>{shown(key, after)}</ins>
                      </dd>
                    </div>
                  ))}
              </dl>
            )}
          </li>
        ))}
      </ol>
    </details>
  );
}
