import { type MemoKey, memoFragment, memoSchema, touchMemo } from "@concord/schema";
import { baseKeymap, chainCommands, toggleMark, wrapIn } from "prosemirror-commands";
import { keymap } from "prosemirror-keymap";
import { liftListItem, sinkListItem, splitListItem, wrapInList } from "prosemirror-schema-list";
import { type Command, EditorState, type Plugin } from "prosemirror-state";
import { EditorView } from "prosemirror-view";
import { redo, undo, yCursorPlugin, ySyncPlugin, ySyncPluginKey, yUndoPlugin } from "y-prosemirror";
import type { Awareness } from "y-protocols/awareness";
import * as Y from "yjs";
import { drawableCursor } from "./cursor-filter";
import { type ColleagueCarets, SPLIT_IN_YJS, splitKeepingColleagues } from "./memo-split";
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
/**
 * The plugins of a live memo editor: the shared text, others' cursors (with presence), one's own
 * undo, and the keys. `colleagues` says where others' carets are (from presence when not given).
 */
export function memoPlugins(options: {
  fragment: Y.XmlFragment;
  memo: MemoKey;
  awareness: Awareness | null;
  colleagues?: ColleagueCarets;
}): Plugin[] {
  const { memo } = options;
  const listItem = memoSchema.nodes.list_item as never;
  const field = `memo-cursor:${memo}`;
  const colleagues = options.colleagues ?? caretsIn(options.awareness, field);
  return [
    ySyncPlugin(options.fragment),
    ...(options.awareness
      ? [
          yCursorPlugin(
            options.awareness,
            { awarenessStateFilter: drawableCursor(field), ...cursorLooks },
            field,
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
      Enter: chainCommands(splitKeepingColleagues(colleagues), splitListItem(listItem)),
      Tab: sinkListItem(listItem),
      "Shift-Tab": liftListItem(listItem),
    }),
    keymap(baseKeymap),
  ];
}

/** Colleagues' carets in a memo, from what their cursor plugins publish in presence. */
function caretsIn(awareness: Awareness | null, field: string): ColleagueCarets {
  return () => {
    if (!awareness) return [];
    const carets: Y.RelativePosition[] = [];
    for (const [client, state] of awareness.getStates()) {
      const head = (state[field] as { head?: unknown } | null | undefined)?.head;
      if (client === awareness.clientID || !head || typeof head !== "object") continue;
      try {
        carets.push(Y.createRelativePositionFromJSON(head));
      } catch {
        // A colleague's page published something else: it says nothing about where they are.
      }
    }
    return carets;
  };
}

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
  const plugins = memoPlugins({ fragment: memoFragment(doc, memo), memo, awareness: options.awareness });
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
      if ((tr.docChanged && !tr.getMeta(ySyncPluginKey)) || tr.getMeta(SPLIT_IN_YJS))
        touchMemo(doc, memo, userId);
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
