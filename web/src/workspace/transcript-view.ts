import type { RefObject } from "react";
import { reveal } from "../collab/reveal";
import type { TranscriptEditor } from "../collab/transcript-editor";
import type { TranscriptView } from "../discussion/DiscussionPanel";

/** Scrolls the editor to the passage at canonical offsets [start, end); false while it cannot be placed. */
export function revealPassage(editor: TranscriptEditor, start: number, end: number): boolean {
  const at = editor.positionsOf(start, end);
  if (!at) return false;
  const { node } = editor.view.domAtPos(at.from);
  const element = node instanceof Element ? node : node.parentElement;
  if (element) reveal(element);
  return true;
}

/** What the discussion panel may do with the text, through the page's editor: place, mark and show passages. */
export function transcriptViewOf(editorRef: RefObject<TranscriptEditor | null>): TranscriptView {
  return {
    index: () => editorRef.current?.index() ?? null,
    mark: (placed, active) => {
      const editor = editorRef.current;
      if (!editor) return;
      const ranges = placed.flatMap((p) => {
        const at = editor.positionsOf(p.start, p.end);
        return at ? [{ id: p.thread.id, comments: p.thread.comments.length, ...at }] : [];
      });
      editor.markThreads({ ranges, active });
    },
    reveal: (start, end) => {
      const editor = editorRef.current;
      if (editor) revealPassage(editor, start, end);
    },
  };
}
