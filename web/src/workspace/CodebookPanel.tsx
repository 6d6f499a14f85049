import {
  type CodeEntry,
  type CodeNode,
  codeNamed,
  codeTree,
  counted,
  createCode,
  mergeCode,
  moveCode,
  updateCode,
} from "@concord/schema";
import { type DragEvent, type FormEvent, useEffect, useId, useState } from "react";
import type * as Y from "yjs";
import { CodeThreads } from "../discussion/CodeThreads";
import type { Person } from "../discussion/Composer";
import { MemoPanel } from "./MemoPanel";

interface CodebookPanelProps {
  readonly doc: Y.Doc;
  readonly codes: readonly CodeEntry[];
  readonly userId: string;
  readonly canEdit: boolean;
  /** Whether an owner has locked the codebook (said to those who cannot edit it). */
  readonly locked?: boolean;
  /** A code whose details to open (one a link names, through a thread on it). */
  readonly openCode?: string | null;
  /**
   * Codings per effective code id, and in how many transcripts (null: counts of the open transcript
   * only); null to show no counts.
   */
  readonly counts: ReadonlyMap<string, { codings: number; transcripts: number | null }> | null;
  readonly filter: ReadonlySet<string> | null;
  readonly onFilter: (filter: ReadonlySet<string> | null) => void;
  /** For each code's memo and discussion. */
  readonly projectId: string;
  /** Whether this person may comment (every member, until the project is archived). */
  readonly canComment: boolean;
  /** The project's members, for the names in memos and discussions and for mentions. */
  readonly members: readonly Person[];
}

/** The shared codebook: a tree of codes, live for everyone, edited in place. */
export function CodebookPanel(props: CodebookPanelProps) {
  const [name, setName] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [showArchived, setShowArchived] = useState(false);
  const [open, setOpen] = useState<string | null>(props.openCode ?? null);
  useEffect(() => {
    if (props.openCode) setOpen(props.openCode);
  }, [props.openCode]);
  const tree = codeTree(props.codes, { includeArchived: showArchived });
  const handleCreate = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return;
    const existing = codeNamed(props.codes, name);
    if (existing) {
      setProblem(
        `There is a code “${existing.name}” already${existing.archived ? " (archived: show archived codes to bring it back)" : ""}.`,
      );
      return;
    }
    createCode(props.doc, { name }, props.userId);
    setName("");
    setProblem(null);
  };
  return (
    <aside className="codebook" aria-label="Codebook">
      <h3>Codebook</h3>
      {props.canEdit && (
        <form onSubmit={handleCreate} className="code-create">
          <input
            aria-label="New code"
            placeholder="New code…"
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              setProblem(null);
            }}
            aria-describedby={problem ? "code-create-problem" : undefined}
          />
          <button type="submit">Add</button>
        </form>
      )}
      {problem && (
        <p id="code-create-problem" className="form-error" role="alert">
          {problem}
        </p>
      )}
      {!props.canEdit && (
        <p className="hint">
          {props.locked
            ? "An owner has locked the codebook: its codes cannot change for now."
            : "You can read the codebook."}
        </p>
      )}
      {tree.length === 0 && <p className="hint">No codes yet.</p>}
      <ul className="code-tree">
        {tree.map((node) => (
          <CodeRow key={node.code.id} node={node} depth={0} open={open} onOpen={setOpen} {...props} />
        ))}
      </ul>
      <label className="checkbox">
        <input type="checkbox" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} />
        Show archived codes
      </label>
      {props.filter && (
        <button type="button" className="link-button" onClick={() => props.onFilter(null)}>
          Show all codes
        </button>
      )}
    </aside>
  );
}

function CodeRow(
  props: CodebookPanelProps & {
    node: CodeNode;
    depth: number;
    open: string | null;
    onOpen: (id: string | null) => void;
  },
) {
  const { node, doc, userId, canEdit } = props;
  const { code } = node;
  const [dropZone, setDropZone] = useState<"before" | "inside" | null>(null);
  const siblings = props.codes
    .filter((c) => c.parentId === code.parentId && c.mergedInto === null && !c.archived)
    .sort((a, b) => a.order - b.order);
  const position = siblings.findIndex((c) => c.id === code.id);
  const filtered = props.filter?.has(code.id) ?? false;
  const handleDrop = (event: DragEvent) => {
    event.preventDefault();
    const dragged = event.dataTransfer.getData("text/x-concord-code");
    setDropZone(null);
    if (!dragged || dragged === code.id) return;
    if (dropZone === "inside") moveCode(doc, dragged, code.id, null, userId);
    else moveCode(doc, dragged, code.parentId, code.id, userId);
  };
  const isOpen = props.open === code.id;
  return (
    <li>
      {/* Dragging is a shortcut: Move up, Move down, Indent and Outdent do the same from the keyboard. */}
      {/* biome-ignore lint/a11y/noStaticElementInteractions: a drop target, with keyboard alternatives */}
      <div
        className={`code-row${dropZone ? ` drop-${dropZone}` : ""}${code.archived ? " archived" : ""}`}
        style={{ paddingLeft: `${props.depth * 1.1 + 0.3}rem` }}
        draggable={canEdit}
        data-code-name={code.name}
        onDragStart={(e) => e.dataTransfer.setData("text/x-concord-code", code.id)}
        onDragOver={(e) => {
          if (!canEdit) return;
          e.preventDefault();
          const box = e.currentTarget.getBoundingClientRect();
          setDropZone(e.clientY - box.top < box.height / 3 ? "before" : "inside");
        }}
        onDragLeave={() => setDropZone(null)}
        onDrop={handleDrop}
      >
        <input
          type="color"
          className="swatch"
          value={code.color}
          disabled={!canEdit}
          aria-label={`Colour of ${code.name}`}
          onChange={(e) => updateCode(doc, code.id, { color: e.target.value }, userId)}
        />
        <button
          type="button"
          className={`code-name${filtered ? " filtered" : ""}`}
          title="Show only this code's highlights"
          onClick={() => props.onFilter(filtered ? null : new Set([code.id]))}
        >
          {code.name}
        </button>
        {props.counts && (
          <span
            className="code-count"
            title={
              props.counts.get(code.id)?.transcripts == null
                ? "Codings in this transcript"
                : `${counted(props.counts.get(code.id)?.codings ?? 0, "coding")} in ${counted(props.counts.get(code.id)?.transcripts ?? 0, "transcript")}`
            }
          >
            {props.counts.get(code.id)?.codings ?? 0}
            {props.counts.get(code.id)?.transcripts != null && ` · ${props.counts.get(code.id)?.transcripts}`}
          </span>
        )}
        <button
          type="button"
          className="icon-button"
          aria-label={`Details of ${code.name}`}
          aria-expanded={isOpen}
          onClick={() => props.onOpen(isOpen ? null : code.id)}
        >
          ⋯
        </button>
      </div>
      {isOpen && (
        <CodeDetails
          code={code}
          doc={doc}
          userId={userId}
          canEdit={canEdit}
          projectId={props.projectId}
          canComment={props.canComment}
          members={props.members}
          codes={props.codes}
          position={position}
          siblings={siblings}
          onClose={() => props.onOpen(null)}
        />
      )}
      {node.children.length > 0 && (
        <ul>
          {node.children.map((child) => (
            <CodeRow key={child.code.id} {...props} node={child} depth={props.depth + 1} />
          ))}
        </ul>
      )}
    </li>
  );
}

function CodeDetails(props: {
  code: CodeEntry;
  doc: Y.Doc;
  userId: string;
  canEdit: boolean;
  projectId: string;
  canComment: boolean;
  members: readonly Person[];
  codes: readonly CodeEntry[];
  position: number;
  siblings: readonly CodeEntry[];
  onClose: () => void;
}) {
  const { code, doc, userId, canEdit, siblings, position } = props;
  const [mergeTarget, setMergeTarget] = useState("");
  const idPrefix = useId();
  const field = (
    key: "name" | "description" | "inclusion" | "exclusion" | "example",
    label: string,
    multiline = true,
  ) => (
    <div className="field">
      <label htmlFor={`${idPrefix}-${key}`}>{label}</label>
      {multiline ? (
        <textarea
          id={`${idPrefix}-${key}`}
          defaultValue={code[key]}
          readOnly={!canEdit}
          rows={2}
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
  return (
    <div className="code-details">
      {field("name", "Name", false)}
      {field("description", "Definition")}
      {field("inclusion", "Use when (inclusion)")}
      {field("exclusion", "Do not use when (exclusion)")}
      {field("example", "Example")}
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
            disabled={position <= 0}
            onClick={() => moveCode(doc, code.id, siblings[position - 1]?.id ?? null, null, userId)}
          >
            Indent
          </button>
          <button
            type="button"
            disabled={!parent}
            onClick={() => moveCode(doc, code.id, parent?.parentId ?? null, null, userId)}
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
              {props.codes
                .filter((c) => c.id !== code.id && c.mergedInto === null && !c.archived)
                .map((c) => (
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
      <CodeThreads
        projectId={props.projectId}
        codeId={code.id}
        codeName={code.name}
        userId={userId}
        members={props.members}
        readOnly={!props.canComment}
      />
    </div>
  );
}
