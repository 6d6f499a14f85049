import { type MemoKey, memoFragment, memoSchema, touchMemo } from "@concord/schema";
import { baseKeymap, toggleMark, wrapIn } from "prosemirror-commands";
import { keymap } from "prosemirror-keymap";
import { liftListItem, sinkListItem, splitListItem, wrapInList } from "prosemirror-schema-list";
import { type Command, EditorState } from "prosemirror-state";
import { EditorView } from "prosemirror-view";
import { redo, undo, yCursorPlugin, ySyncPlugin, ySyncPluginKey, yUndoPlugin } from "y-prosemirror";
import type { Awareness } from "y-protocols/awareness";
import type * as Y from "yjs";
import { drawableCursor } from "./cursor-filter";
import { cursorLooks } from "./person-colours";

/** The formatting a memo's toolbar offers, by name. */
export const memoCommands: Record<string, Command> = {
  strong: toggleMark(memoSchema.marks.strong as never),
  em: toggleMark(memoSchema.marks.em as never),
  code: toggleMark(memoSchema.marks.code as never),
  bullets: wrapInList(memoSchema.nodes.bullet_list as never),
  numbers: wrapInList(memoSchema.nodes.ordered_list as never),
  quote: wrapIn(memoSchema.nodes.blockquote as never),
};

/** A memo editor mounted in the page. */
export interface MemoEditor {
  readonly view: EditorView;
  run(command: keyof typeof memoCommands): void;
  destroy(): void;
}

/**
 * Mounts a live memo: ProseMirror on the memo's shared text, others' cursors (in a presence field of
 * its own, so they do not mix with the transcript's), one's own undo, and a note of who edited last.
 */
export function createMemoEditor(options: {
  mount: HTMLElement;
  doc: Y.Doc;
  memo: MemoKey;
  awareness: Awareness | null;
  userId: string;
  editable: boolean;
  label: string;
}): MemoEditor {
  const { doc, memo, userId } = options;
  const listItem = memoSchema.nodes.list_item as never;
  const plugins = [
    ySyncPlugin(memoFragment(doc, memo)),
    ...(options.awareness
      ? [
          yCursorPlugin(
            options.awareness,
            { awarenessStateFilter: drawableCursor(`memo-cursor:${memo}`), ...cursorLooks },
            `memo-cursor:${memo}`,
          ),
        ]
      : []),
    yUndoPlugin(),
    keymap({
      "Mod-z": undo,
      "Mod-y": redo,
      "Mod-Shift-z": redo,
      "Mod-b": memoCommands.strong as Command,
      "Mod-i": memoCommands.em as Command,
      "Mod-`": memoCommands.code as Command,
      Enter: splitListItem(listItem),
      Tab: sinkListItem(listItem),
      "Shift-Tab": liftListItem(listItem),
    }),
    keymap(baseKeymap),
  ];
  const view = new EditorView(options.mount, {
    state: EditorState.create({ schema: memoSchema, plugins }),
    editable: () => options.editable,
    attributes: {
      class: "memo-text",
      role: "textbox",
      "aria-multiline": "true",
      "aria-label": options.label,
    },
    dispatchTransaction(this: EditorView, tr) {
      // y-prosemirror's deferred work may still dispatch after the editor was closed.
      if (this.isDestroyed) return;
      this.updateState(this.state.apply(tr));
      // Only one's own typing counts as an edit; changes arriving from others carry y-prosemirror's meta.
      if (tr.docChanged && !tr.getMeta(ySyncPluginKey)) touchMemo(doc, memo, userId);
    },
  });
  return {
    view,
    run(command) {
      memoCommands[command]?.(view.state, view.dispatch);
      view.focus();
    },
    destroy: () => view.destroy(),
  };
}
