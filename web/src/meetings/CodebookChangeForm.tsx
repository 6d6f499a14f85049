import type { CodeEntry } from "@concord/schema";
import { useId, useState } from "react";

/** A change to the codebook as the meeting's route takes it. */
export type CodebookChange =
  | {
      kind: "refine";
      codeId: string;
      description: string;
      inclusion: string;
      exclusion: string;
      example: string;
    }
  | { kind: "merge"; codeId: string; intoId: string }
  | {
      kind: "split";
      codeId: string;
      into: { name: string; description: string }[];
      archiveOriginal: boolean;
    };

type Mode = "refine" | "split" | "merge";

/**
 * Changing the codebook from a meeting's item: refine the code's definition, split it into new codes,
 * or merge it into another. The server links the change to the item and its decision.
 */
export function CodebookChangeForm(props: {
  code: CodeEntry;
  codes: readonly CodeEntry[];
  onChange: (change: CodebookChange) => Promise<boolean>;
}) {
  const { code, codes, onChange } = props;
  const id = useId();
  const [mode, setMode] = useState<Mode>("refine");
  const [fields, setFields] = useState({
    description: code.description,
    inclusion: code.inclusion,
    exclusion: code.exclusion,
    example: code.example,
  });
  const blank = { name: "", description: "" };
  const [parts, setParts] = useState([blank, blank]);
  const named = parts.filter((part) => part.name.trim());
  const setPart = (i: number, change: Partial<typeof blank>) =>
    setParts(parts.map((part, j) => (j === i ? { ...part, ...change } : part)));
  const [archive, setArchive] = useState(false);
  const [into, setInto] = useState("");
  const others = codes.filter((c) => c.id !== code.id && c.mergedInto === null && !c.archived);
  const submit = async () => {
    const change: CodebookChange =
      mode === "refine"
        ? { kind: "refine", codeId: code.id, ...fields }
        : mode === "merge"
          ? { kind: "merge", codeId: code.id, intoId: into }
          : {
              kind: "split",
              codeId: code.id,
              into: named,
              archiveOriginal: archive,
            };
    if (await onChange(change)) {
      setParts([blank, blank]);
      setInto("");
    }
  };
  const labels = {
    description: "Definition",
    inclusion: "Include when",
    exclusion: "Exclude when",
    example: "Example",
  };
  return (
    <details className="codebook-change">
      <summary>Change the codebook: “{code.name}”</summary>
      <fieldset>
        <legend className="visually-hidden">What to change</legend>
        {(["refine", "split", "merge"] as const).map((m) => (
          <label key={m} className="choice">
            <input type="radio" name={`${id}-mode`} checked={mode === m} onChange={() => setMode(m)} />
            {m === "refine"
              ? "Refine its definition"
              : m === "split"
                ? "Split it into new codes"
                : "Merge it into another"}
          </label>
        ))}
      </fieldset>
      {mode === "refine" &&
        (Object.keys(labels) as (keyof typeof labels)[]).map((key) => (
          <div key={key} className="field">
            <label htmlFor={`${id}-${key}`}>{labels[key]}</label>
            <textarea
              id={`${id}-${key}`}
              value={fields[key]}
              maxLength={20_000}
              onChange={(event) => setFields({ ...fields, [key]: event.target.value })}
            />
          </div>
        ))}
      {mode === "split" && (
        <>
          {parts.map((part, i) => (
            <div key={`part-${i.toString()}`} className="split-part">
              <div className="field">
                <label htmlFor={`${id}-name-${i}`}>New code {i + 1}</label>
                <input
                  id={`${id}-name-${i}`}
                  value={part.name}
                  maxLength={200}
                  onChange={(event) => setPart(i, { name: event.target.value })}
                />
              </div>
              <div className="field">
                <label htmlFor={`${id}-definition-${i}`}>Definition of new code {i + 1}</label>
                <textarea
                  id={`${id}-definition-${i}`}
                  value={part.description}
                  maxLength={20_000}
                  onChange={(event) => setPart(i, { description: event.target.value })}
                />
              </div>
            </div>
          ))}
          {parts.length < 10 && (
            <button type="button" className="link-button" onClick={() => setParts([...parts, blank])}>
              Add another new code
            </button>
          )}
          <label className="choice split-archive">
            <input type="checkbox" checked={archive} onChange={(event) => setArchive(event.target.checked)} />
            Archive “{code.name}” once split (its codings stay, to be coded again)
          </label>
        </>
      )}
      {mode === "merge" && (
        <div className="field">
          <label htmlFor={`${id}-into`}>Merge into</label>
          <select id={`${id}-into`} value={into} onChange={(event) => setInto(event.target.value)}>
            <option value="">Choose…</option>
            {others.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <button
        type="button"
        disabled={(mode === "merge" && !into) || (mode === "split" && named.length < 2)}
        onClick={() => void submit()}
      >
        {mode === "refine" ? "Save the definition" : mode === "split" ? "Split the code" : "Merge the codes"}
      </button>
    </details>
  );
}
