import { type MemoKey, memoEdits } from "@concord/schema";
import { useEffect, useRef } from "react";
import type { Awareness } from "y-protocols/awareness";
import type * as Y from "yjs";
import { createMemoEditor, type MemoEditor } from "../collab/memo-editor";
import { sinceWhen } from "../components/since-when";
import { useObserved } from "./use-observed";

const TOOLS: readonly {
  command: "strong" | "em" | "code" | "bullets" | "numbers" | "quote";
  label: string;
  text: string;
}[] = [
  { command: "strong", label: "Strong (Ctrl+B)", text: "B" },
  { command: "em", label: "Emphasis (Ctrl+I)", text: "I" },
  { command: "code", label: "Code", text: "</>" },
  { command: "bullets", label: "Bulleted list", text: "•" },
  { command: "numbers", label: "Numbered list", text: "1." },
  { command: "quote", label: "Quote", text: "❝" },
];

/** A memo edited live by the team, with who edited it last. */
export function MemoPanel(props: {
  doc: Y.Doc;
  memo: MemoKey;
  awareness: Awareness | null;
  userId: string;
  editable: boolean;
  title: string;
  nameOf: (userId: string) => string;
}) {
  const mount = useRef<HTMLDivElement>(null);
  const editor = useRef<MemoEditor | null>(null);
  const { doc, memo, awareness, userId, editable, title } = props;
  const edit = useObserved(memoEdits(doc), () => memoEdits(doc).get(memo) ?? null);
  useEffect(() => {
    if (!mount.current) return;
    const created = createMemoEditor({
      mount: mount.current,
      doc,
      memo,
      awareness,
      userId,
      editable,
      label: title,
    });
    editor.current = created;
    return () => {
      created.destroy();
      editor.current = null;
    };
  }, [doc, memo, awareness, userId, editable, title]);
  return (
    <section className="memo" aria-label={title} data-memo={memo}>
      <div className="memo-head">
        <h3>{title}</h3>
        {editable && (
          <div className="memo-tools" role="toolbar" aria-label={`Format ${title}`}>
            {TOOLS.map((tool) => (
              <button
                key={tool.command}
                type="button"
                title={tool.label}
                onMouseDown={(event) => {
                  event.preventDefault();
                  editor.current?.run(tool.command);
                }}
              >
                {/* The name is the words; the sign is what the eye reads. */}
                <span aria-hidden="true">{tool.text}</span>
                <span className="visually-hidden">{tool.label}</span>
              </button>
            ))}
          </div>
        )}
      </div>
      <div ref={mount} className="memo-frame" />
      <p className="hint memo-edited">
        {edit
          ? `Last edited by ${edit.by === userId ? "you" : props.nameOf(edit.by)}, ${sinceWhen(edit.at)}`
          : editable
            ? "Nobody has written here yet."
            : "Empty."}
      </p>
    </section>
  );
}
