import { type CodeEntry, codeAfter, mergeCode, moveCode, nestingFits, updateCode } from "@concord/schema";
import { useId, useState } from "react";
import type * as Y from "yjs";
import { CodeThreads } from "../discussion/CodeThreads";
import type { Person } from "../discussion/Composer";
import { CodeHistory } from "./CodeHistory";
import { MemoPanel } from "./MemoPanel";

type TextField = "name" | "description" | "inclusion" | "exclusion" | "example";

/**
 * One code's details, below the codebook tree: its name, colour, definition and criteria (edited in
 * place), where it sits in the tree, its memo and its discussion.
 */
export function CodeDetails(props: {
  code: CodeEntry;
  doc: Y.Doc;
  userId: string;
  canEdit: boolean;
  projectId: string;
  canComment: boolean;
  members: readonly Person[];
  codes: readonly CodeEntry[];
  onClose: () => void;
}) {
  const { code, doc, userId, canEdit } = props;
  const [mergeTarget, setMergeTarget] = useState("");
  const idPrefix = useId();
  const siblings = props.codes
    .filter((c) => c.parentId === code.parentId && c.mergedInto === null && !c.archived)
    .sort((a, b) => a.order - b.order);
  const position = siblings.findIndex((c) => c.id === code.id);
  const field = (key: TextField, label: string, multiline = true) => (
    <div className="field">
      <label htmlFor={`${idPrefix}-${key}`}>{label}</label>
      {multiline ? (
        <textarea
          id={`${idPrefix}-${key}`}
          defaultValue={code[key]}
          readOnly={!canEdit}
          rows={3}
          onBlur={(e) =>
            e.target.value !== code[key] && updateCode(doc, code.id, { [key]: e.target.value }, userId)
          }
        />
      ) : (
        <input
          id={`${idPrefix}-${key}`}
          defaultValue={code[key]}
          readOnly={!canEdit}
          onBlur={(e) =>
            e.target.value.trim() &&
            e.target.value !== code[key] &&
            updateCode(doc, code.id, { [key]: e.target.value }, userId)
          }
        />
      )}
    </div>
  );
  const parent = props.codes.find((c) => c.id === code.parentId);
  const mergeable = props.codes.filter((c) => c.id !== code.id && c.mergedInto === null && !c.archived);
  return (
    <section className="code-details" aria-label={`Details of ${code.name}`} data-details-of={code.id}>
      <header className="code-details-header">
        <input
          type="color"
          className="swatch"
          value={code.color}
          disabled={!canEdit}
          aria-label={`Colour of ${code.name}`}
          onChange={(e) => updateCode(doc, code.id, { color: e.target.value }, userId)}
        />
        <h4>{code.name}</h4>
        <button type="button" className="icon-button" aria-label="Close the details" onClick={props.onClose}>
          ×
        </button>
      </header>
      <div>
        {field("name", "Name", false)}
        {field("description", "Definition")}
        {field("inclusion", "Use when (inclusion)")}
        {field("exclusion", "Do not use when (exclusion)")}
        {field("example", "Example")}
      </div>
      <p className="hint">Last changed {new Date(code.updatedAt).toLocaleString()}</p>
      {canEdit && (
        <div className="code-actions">
          <button
            type="button"
            disabled={position <= 0}
            onClick={() => moveCode(doc, code.id, code.parentId, siblings[position - 1]?.id ?? null, userId)}
          >
            Move up
          </button>
          <button
            type="button"
            disabled={position >= siblings.length - 1}
            onClick={() => moveCode(doc, code.id, code.parentId, siblings[position + 2]?.id ?? null, userId)}
          >
            Move down
          </button>
          <button
            type="button"
            disabled={position <= 0 || !nestingFits(props.codes, code.id, siblings[position - 1]?.id ?? null)}
            title={
              position > 0 && !nestingFits(props.codes, code.id, siblings[position - 1]?.id ?? null)
                ? "Codes nest at most 8 levels deep"
                : undefined
            }
            onClick={() => moveCode(doc, code.id, siblings[position - 1]?.id ?? null, null, userId)}
          >
            Indent
          </button>
          <button
            type="button"
            disabled={!parent}
            onClick={() => {
              // Out of its parent, to just after it.
              if (parent)
                moveCode(doc, code.id, parent.parentId, codeAfter(props.codes, parent, code.id), userId);
            }}
          >
            Outdent
          </button>
          <button
            type="button"
            onClick={() => updateCode(doc, code.id, { archived: !code.archived }, userId)}
          >
            {code.archived ? "Restore" : "Archive"}
          </button>
          <span className="merge">
            <select
              aria-label={`Merge ${code.name} into`}
              value={mergeTarget}
              onChange={(e) => setMergeTarget(e.target.value)}
            >
              <option value="">Merge into…</option>
              {mergeable.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
            <button
              type="button"
              disabled={!mergeTarget}
              onClick={() => {
                const target = props.codes.find((c) => c.id === mergeTarget);
                if (
                  target &&
                  window.confirm(
                    `Merge “${code.name}” into “${target.name}”? Its codings will count as “${target.name}”.`,
                  )
                ) {
                  mergeCode(doc, code.id, target.id, userId);
                  props.onClose();
                }
              }}
            >
              Merge
            </button>
          </span>
        </div>
      )}
      <MemoPanel
        doc={doc}
        memo={`code:${code.id}`}
        awareness={null}
        userId={userId}
        editable={canEdit}
        title={`Memo on ${code.name}`}
        nameOf={(id) => props.members.find((m) => m.userId === id)?.name ?? "a former member"}
      />
      <CodeHistory
        projectId={props.projectId}
        codeId={code.id}
        members={props.members}
        codeName={(id) => props.codes.find((c) => c.id === id)?.name ?? "a deleted code"}
      />
      <CodeThreads
        projectId={props.projectId}
        codeId={code.id}
        codeName={code.name}
        userId={userId}
        members={props.members}
        readOnly={!props.canComment}
      />
    </section>
  );
}
