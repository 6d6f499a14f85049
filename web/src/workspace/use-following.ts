import { transcriptContent } from "@concord/schema";
import { type RefObject, useEffect } from "react";
import { relativePositionToAbsolutePosition, ySyncPluginKey } from "y-prosemirror";
import type { Awareness } from "y-protocols/awareness";
import * as Y from "yjs";
import { drawableCursor } from "../collab/cursor-filter";
import { reveal } from "../collab/reveal";
import type { TranscriptEditor } from "../collab/transcript-editor";
import { blockOf, scrollBlockToTop, type ViewTop } from "../collab/view-top";

/**
 * Following a colleague (`following`, a user id, or null): keeps in view what they look at, as they
 * scroll (the block at the top of their view) or move their cursor (their cursor, in the middle).
 */
export function useFollowing(
  following: string | null,
  awareness: Awareness | null,
  transcriptDoc: Y.Doc | null,
  editorRef: RefObject<TranscriptEditor | null>,
  mount: RefObject<HTMLDivElement | null>,
): void {
  // biome-ignore lint/correctness/useExhaustiveDependencies: the refs are read when a colleague moves
  useEffect(() => {
    if (!following || !awareness || !transcriptDoc) return;
    let seenView: number | null = null;
    let seenCursor: string | null = null;
    const goToThem = () => {
      const editor = editorRef.current;
      const frame = mount.current;
      if (!editor || !frame) return;
      for (const [clientId, state] of awareness.getStates()) {
        const s = state as { user?: { id?: string }; cursor?: { head?: unknown }; view?: ViewTop };
        if (s.user?.id !== following || !drawableCursor()(-1, clientId, state)) continue;
        const cursor = s.cursor?.head ? JSON.stringify(s.cursor.head) : null;
        const viewAt = typeof s.view?.at === "number" ? s.view.at : null;
        const scrolled = viewAt !== null && viewAt !== seenView;
        const moved = cursor !== null && cursor !== seenCursor;
        seenView = viewAt;
        // A page that loses the focus takes its cursor away and puts it back on return: no move.
        if (cursor !== null) seenCursor = cursor;
        // Their scrolling takes the view to where they look; moving their cursor, to their cursor
        // (and so does starting to follow them, where they have one).
        if (scrolled && s.view && !(starting && moved)) {
          const block = blockOf(editor.view, transcriptDoc, transcriptContent(transcriptDoc), s.view);
          if (block) scrollBlockToTop(block, frame);
          return;
        }
        if (!moved || !s.cursor?.head) return;
        const binding = ySyncPluginKey.getState(editor.view.state)?.binding;
        if (!binding) return;
        let pos: number | null;
        try {
          pos = relativePositionToAbsolutePosition(
            transcriptDoc,
            transcriptContent(transcriptDoc),
            Y.createRelativePositionFromJSON(s.cursor.head),
            binding.mapping,
          );
        } catch {
          // A position that names nothing here: nothing to follow.
          return;
        }
        if (pos === null) return;
        const { node } = editor.view.domAtPos(pos);
        const element = node instanceof Element ? node : node.parentElement;
        if (element) reveal(element);
        return;
      }
    };
    let starting = true;
    goToThem();
    starting = false;
    awareness.on("change", goToThem);
    return () => awareness.off("change", goToThem);
  }, [following, awareness, transcriptDoc]);
}
