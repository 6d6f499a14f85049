import { useId, useState } from "react";
import { api } from "../api/api-client";
import { FormError } from "../components/FormError";
import { useAction } from "../components/use-action";

/** A transcript's name and attributes, as the project page lists them. */
export interface TranscriptDetails {
  readonly id: string;
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
}

interface Row {
  readonly key: string;
  readonly value: string;
}

/**
 * Edits a transcript's name and its attributes: facts about the interview or the participant (role,
 * partnership, organisation) that later let the team compare groups. Keys used on other transcripts
 * are offered, so a team keeps to one spelling of "Role".
 */
export function TranscriptDetailsForm({
  projectId,
  transcript,
  knownKeys,
  onSaved,
  onCancel,
}: {
  projectId: string;
  transcript: TranscriptDetails;
  knownKeys: readonly string[];
  onSaved: () => void;
  onCancel: () => void;
}) {
  const [name, setName] = useState(transcript.name);
  const [rows, setRows] = useState<Row[]>(() => [
    ...Object.entries(transcript.attributes).map(([key, value]) => ({ key, value })),
    { key: "", value: "" },
  ]);
  const keysId = useId();
  const save = useAction(async () => {
    const attributes: Record<string, string> = {};
    for (const row of rows) {
      const key = row.key.trim();
      if (!key) continue;
      if (key in attributes) throw new Error(`"${key}" is there twice: keep one.`);
      attributes[key] = row.value.trim();
    }
    await api("PATCH", `/projects/${projectId}/transcripts/${transcript.id}`, {
      name: name.trim(),
      attributes,
    });
    onSaved();
  });
  const setRow = (n: number, change: Partial<Row>) =>
    setRows((previous) => {
      const next = previous.map((row, i) => (i === n ? { ...row, ...change } : row));
      // Always one empty row at the end to type the next attribute into.
      const last = next.at(-1);
      return last && (last.key || last.value) ? [...next, { key: "", value: "" }] : next;
    });
  return (
    <form
      className="transcript-details"
      aria-label={`Details of ${transcript.name}`}
      onSubmit={(event) => {
        event.preventDefault();
        void save.run();
      }}
      onKeyDown={(event) => {
        if (event.key === "Escape") onCancel();
      }}
    >
      <label>
        Name
        <input value={name} onChange={(event) => setName(event.target.value)} required maxLength={200} />
      </label>
      <fieldset>
        <legend>Attributes</legend>
        <datalist id={keysId}>
          {knownKeys.map((key) => (
            <option key={key} value={key} />
          ))}
        </datalist>
        {rows.map((row, n) => (
          // Rows have no identity of their own; their place is their key while the form is open.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <div className="attribute-row" key={n}>
            <input
              aria-label={`Attribute ${n + 1} name`}
              placeholder="e.g. Role"
              list={keysId}
              value={row.key}
              maxLength={100}
              onChange={(event) => setRow(n, { key: event.target.value })}
            />
            <input
              aria-label={`Attribute ${n + 1} value`}
              placeholder="e.g. Chief Officer"
              value={row.value}
              maxLength={500}
              onChange={(event) => setRow(n, { value: event.target.value })}
            />
            {n < rows.length - 1 && (
              <button
                type="button"
                className="link-button"
                aria-label={`Remove attribute ${row.key || n + 1}`}
                onClick={() => setRows((previous) => previous.filter((_, i) => i !== n))}
              >
                Remove
              </button>
            )}
          </div>
        ))}
      </fieldset>
      <FormError message={save.error} />
      <div className="actions">
        <button type="submit" disabled={save.busy}>
          {save.busy ? "Saving…" : "Save"}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
