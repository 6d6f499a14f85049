import {
  type CodeEntry,
  type CodeNode,
  codeAfter,
  codeNamed,
  codeTree,
  counted,
  createCode,
  moveCode,
  nestingFits,
} from "@concord/schema";
import { type FormEvent, memo, useEffect, useRef, useState } from "react";
import { Button, type Key, Tree, TreeItem, TreeItemContent, useDragAndDrop } from "react-aria-components";
import type * as Y from "yjs";
import type { Person } from "../discussion/Composer";
import { CodeDetails } from "./CodeDetails";

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
  /**
   * The codes whose highlights alone are shown (null: all), and how to change that; without them the
   * tree offers no such choice (the project page).
   */
  readonly filter?: ReadonlySet<string> | null;
  readonly onFilter?: (filter: ReadonlySet<string> | null) => void;
  /** The codes keys 1–9 apply, in that order, shown by each. */
  readonly quickKeys?: readonly string[];
  /** For each code's memo and discussion. */
  readonly projectId: string;
  /** Whether this person may comment (every member, until the project is archived). */
  readonly canComment: boolean;
  /** The project's members, for the names in memos and discussions and for mentions. */
  readonly members: readonly Person[];
}

/**
 * The shared codebook, live for everyone: a tree (one tab stop, arrow keys inside, as WAI-ARIA's
 * tree pattern has it, from React Aria), the code whose details are open below it, and a form to add
 * codes. Enter or a click opens a code's details; Space (or its box) shows only the chosen codes'
 * highlights; codes are dragged to move them, from the keyboard too through their handle.
 * Drawn again only when its props change: a coding in the transcript beside it leaves it alone.
 */
export const CodebookPanel = memo(function CodebookPanel(props: CodebookPanelProps) {
  const [name, setName] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [showArchived, setShowArchived] = useState(false);
  const [open, setOpen] = useState<string | null>(props.openCode ?? null);
  const [collapsed, setCollapsed] = useState<ReadonlySet<Key>>(new Set());
  const details = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (props.openCode) setOpen(props.openCode);
  }, [props.openCode]);
  useEffect(() => {
    if (open && open === props.openCode) details.current?.scrollIntoView({ block: "nearest" });
  }, [open, props.openCode]);
  const tree = codeTree(props.codes, { includeArchived: showArchived });
  const parents = [...new Set(props.codes.flatMap((c) => (c.parentId === null ? [] : [c.parentId])))];
  const { dragAndDropHooks } = useDragAndDrop({
    getItems: (keys) =>
      [...keys].map((key) => ({
        "text/plain": props.codes.find((c) => c.id === key)?.name ?? "",
        "text/x-concord-code": String(key),
      })),
    getAllowedDropOperations: () => ["move"],
    onMove: (event) => {
      const dragged = String([...event.keys][0] ?? "");
      const target = props.codes.find((c) => c.id === event.target.key);
      if (!dragged || !target || dragged === target.id) return;
      // A drop that would nest codes deeper than the server allows does nothing.
      const parent = event.target.dropPosition === "on" ? target.id : target.parentId;
      if (!nestingFits(props.codes, dragged, parent)) return;
      if (event.target.dropPosition === "on") moveCode(props.doc, dragged, target.id, null, props.userId);
      else if (event.target.dropPosition === "before")
        moveCode(props.doc, dragged, target.parentId, target.id, props.userId);
      else
        moveCode(props.doc, dragged, target.parentId, codeAfter(props.codes, target, dragged), props.userId);
    },
  });
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
  const { filter, onFilter } = props;
  const openEntry = open ? props.codes.find((c) => c.id === open && c.mergedInto === null) : undefined;
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
      {tree.length > 0 && (
        <div
          onKeyDownCapture={(event) => {
            // Space shows only the focused code's highlights (or stops): the row's key, as Enter opens it.
            const row = event.target as HTMLElement;
            const codeId = row.getAttribute("role") === "row" ? row.dataset.key : undefined;
            if (event.key !== " " || !codeId || !onFilter) return;
            event.preventDefault();
            event.stopPropagation();
            toggleIn(filter ?? null, codeId, onFilter);
          }}
        >
          <Tree
            // React Aria calls drag hooks only when given them: a tree gaining or losing them is a new one.
            key={props.canEdit ? "editable" : "read-only"}
            aria-label={onFilter ? "Codes: Enter opens a code, Space shows only its highlights" : "Codes"}
            className="code-tree"
            expandedKeys={new Set(parents.filter((id) => !collapsed.has(id)))}
            onExpandedChange={(keys) => setCollapsed(new Set(parents.filter((id) => !keys.has(id))))}
            onAction={(key) => setOpen((was) => (was === key ? null : String(key)))}
            dragAndDropHooks={props.canEdit ? dragAndDropHooks : undefined}
          >
            {tree.map((node) => (
              <CodeItem key={node.code.id} node={node} open={open} onOpen={setOpen} {...props} />
            ))}
          </Tree>
        </div>
      )}
      {openEntry && (
        <div ref={details}>
          <CodeDetails
            key={openEntry.id}
            code={openEntry}
            doc={props.doc}
            userId={props.userId}
            canEdit={props.canEdit}
            projectId={props.projectId}
            canComment={props.canComment}
            members={props.members}
            codes={props.codes}
            onClose={() => setOpen(null)}
          />
        </div>
      )}
      <label className="checkbox">
        <input type="checkbox" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} />
        Show archived codes
      </label>
      {filter && onFilter && (
        <button type="button" className="link-button" onClick={() => onFilter(null)}>
          Show all codes
        </button>
      )}
    </aside>
  );
});

/** `filter` with `codeId` added or taken away, given to `onFilter` (null once it is empty). */
function toggleIn(
  filter: ReadonlySet<string> | null,
  codeId: string,
  onFilter: ((filter: ReadonlySet<string> | null) => void) | undefined,
): void {
  if (!onFilter) return;
  const next = new Set(filter ?? []);
  if (next.has(codeId)) next.delete(codeId);
  else next.add(codeId);
  onFilter(next.size > 0 ? next : null);
}

function CodeItem(
  props: CodebookPanelProps & { node: CodeNode; open: string | null; onOpen: (id: string | null) => void },
) {
  const { node } = props;
  const { code } = node;
  const count = props.counts?.get(code.id);
  const key = props.quickKeys ? props.quickKeys.indexOf(code.id) : -1;
  const isOpen = props.open === code.id;
  const filtered = props.filter?.has(code.id) ?? false;
  const toggleFilter = () => toggleIn(props.filter ?? null, code.id, props.onFilter);
  const described = props.counts ? `, ${counted(count?.codings ?? 0, "coding")}` : "";
  return (
    <TreeItem
      id={code.id}
      textValue={code.name}
      aria-label={`${code.name}${code.archived ? " (archived)" : ""}${filtered ? " (shown alone)" : ""}${described}`}
      className={`code-item${filtered ? " filtered" : ""}`}
    >
      <TreeItemContent>
        {({ hasChildItems, isExpanded, allowsDragging }) => (
          <div
            className={`code-row${code.archived ? " archived" : ""}${isOpen ? " open" : ""}`}
            data-code-name={code.name}
          >
            {hasChildItems ? (
              <Button slot="chevron" className="chevron" aria-label={isExpanded ? "Collapse" : "Expand"}>
                {isExpanded ? "▾" : "▸"}
              </Button>
            ) : (
              <span className="chevron" />
            )}
            {props.onFilter && (
              <Button
                className="code-filter"
                aria-label={`Show only ${code.name}`}
                aria-pressed={filtered}
                onPress={toggleFilter}
              >
                <span className="code-filter-box" aria-hidden="true" />
              </Button>
            )}
            <span className="swatch-dot" style={{ background: code.color }} aria-hidden="true" />
            <span className="code-name" title={code.name}>
              {code.name}
            </span>
            {key >= 0 && key < 9 && (
              <kbd className="quick-key" title={`Key ${key + 1} applies ${code.name}`}>
                {key + 1}
              </kbd>
            )}
            {props.counts && (
              <span
                className="code-count"
                title={
                  !count
                    ? "No codings yet"
                    : count.transcripts == null
                      ? "Codings in this transcript"
                      : `${counted(count.codings, "coding")} in ${counted(count.transcripts, "transcript")}`
                }
              >
                {count?.codings ?? 0}
                {count?.transcripts != null && ` · ${count.transcripts}`}
              </span>
            )}
            {/* Shown on hover and focus, over the count: the row itself opens details and is dragged. */}
            <span className="row-tools">
              {allowsDragging && (
                <Button slot="drag" className="drag-handle" aria-label={`Move ${code.name}`}>
                  ⠿
                </Button>
              )}
              <Button
                className="icon-button"
                aria-label={`Details of ${code.name}`}
                aria-expanded={isOpen}
                onPress={() => props.onOpen(isOpen ? null : code.id)}
              >
                ⋯
              </Button>
            </span>
          </div>
        )}
      </TreeItemContent>
      {node.children.map((child) => (
        <CodeItem key={child.code.id} {...props} node={child} />
      ))}
    </TreeItem>
  );
}
