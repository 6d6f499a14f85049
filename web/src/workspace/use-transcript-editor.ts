import { transcriptContent } from "@concord/schema";
import type { EditorState } from "prosemirror-state";
import { type RefObject, useEffect, useRef, useState } from "react";
import type { Awareness } from "y-protocols/awareness";
import type * as Y from "yjs";
import { type CodingView, codingPluginKey, codingsAt } from "../collab/coding-plugin";
import { offsetOf, type PlacedCoding } from "../collab/coding-ranges";
import { createTranscriptEditor, type TranscriptEditor } from "../collab/transcript-editor";
import { publishViewTop } from "../collab/view-top";
import { coalescedAfterPaint } from "./after-paint";
import type { TextSelection } from "./SelectionActions";

/** What the page tells the editor, read when they happen (the editor is not rebuilt for them). */
export interface EditorHandlers {
  /** Key n (1–9) pressed on a selection: true if it applied a code. */
  quickCode(n: number): boolean;
  /** Ctrl+K on a selection. */
  openPicker(): void;
  /** The selection has gone. */
  selectionCleared(): void;
  openThread(threadId: string): void;
}

/**
 * The transcript's editor, mounted in `mount` once the page has what it is built on (`ready`: the
 * project known and the text arrived), built again only when the documents, the room or whether
 * this person codes change; and what the page shows of it, updated after each paint: the selection,
 * the codings at the cursor, how many codings lost their text, and the cursor's canonical offset.
 */
export function useTranscriptEditor(options: {
  mount: RefObject<HTMLDivElement | null>;
  doc: Y.Doc | null;
  codingDocs: readonly Y.Doc[] | null;
  awareness: Awareness | null;
  ready: boolean;
  canCode: boolean;
  isEditingText: RefObject<boolean>;
  view: CodingView;
  /** The codes' colours, so that a highlight can be drawn before the coding is written. */
  colours: readonly string[];
  handlers: EditorHandlers;
}) {
  const { mount, doc, codingDocs, awareness, ready, canCode } = options;
  const editorRef = useRef<TranscriptEditor | null>(null);
  const [selection, setSelection] = useState<TextSelection | null>(null);
  const [atCursor, setAtCursor] = useState<readonly PlacedCoding[]>([]);
  const [orphans, setOrphans] = useState(0);
  const [cursorOffset, setCursorOffset] = useState<number | null>(null);
  const latest = useRef(options);
  latest.current = options;

  useEffect(() => {
    const frame = mount.current;
    if (!doc || !awareness || !frame || !ready || !codingDocs) return;
    // `ready` may still speak of the copy this one replaced (a reset): ask this one.
    if (transcriptContent(doc).length === 0) return;
    const keys: Record<string, (state: EditorState) => boolean> = {};
    for (let n = 1; n <= 9; n++) keys[String(n)] = () => canCode && latest.current.handlers.quickCode(n);
    keys["Mod-k"] = (state) => {
      if (!canCode || state.selection.empty) return false;
      latest.current.handlers.openPicker();
      return true;
    };
    const editor = createTranscriptEditor({
      mount: frame,
      doc,
      codingDocs,
      awareness,
      isEditingText: () => latest.current.isEditingText.current ?? false,
      onOpenThread: (id) => latest.current.handlers.openThread(id),
      view: latest.current.view,
      keys,
      onUpdate: coalescedAfterPaint(() => {
        const editor = editorRef.current;
        if (!editor) return;
        const { view } = editor;
        const { state } = view;
        const { from, to, head } = state.selection;
        setAtCursor(codingsAt(state, from, to, head));
        setOrphans(codingPluginKey.getState(state)?.orphans.length ?? 0);
        const index = codingPluginKey.getState(state)?.index;
        setCursorOffset(index ? offsetOf(index, state.doc, head) : null);
        if (from === to) {
          setSelection(null);
          latest.current.handlers.selectionCleared();
          return;
        }
        const coords = view.coordsAtPos(to);
        const box = frame.getBoundingClientRect();
        setSelection({
          from,
          to,
          // In the speaker gutter, level with the selection's end, so it never covers text.
          left: 8,
          top: coords.top - box.top + frame.scrollTop,
          bottom: coords.bottom - box.top + frame.scrollTop,
          // Above the whole selection when the picker goes above it, never over its first lines.
          firstTop: view.coordsAtPos(from).top - box.top + frame.scrollTop,
          text: state.doc.textBetween(from, to, "\n"),
        });
      }),
    });
    editorRef.current = editor;
    editor.preparePending(latest.current.colours);
    const stopPublishing = publishViewTop(editor.view, frame, awareness);
    return () => {
      stopPublishing();
      editor.destroy();
      editorRef.current = null;
    };
  }, [doc, codingDocs, awareness, ready, canCode, mount]);

  useEffect(() => {
    editorRef.current?.refresh(options.view);
  }, [options.view]);
  useEffect(() => {
    editorRef.current?.preparePending(options.colours);
  }, [options.colours]);

  return { editorRef, selection, atCursor, orphans, cursorOffset };
}
