import { Plugin, PluginKey } from "prosemirror-state";
import { Decoration, DecorationSet } from "prosemirror-view";

/** The passages that have threads, in ProseMirror positions, and the thread being looked at. */
export interface ThreadMarks {
  readonly ranges: readonly {
    readonly id: string;
    readonly from: number;
    readonly to: number;
    /** How many comments the thread has, for its marker in the margin. */
    readonly comments: number;
  }[];
  readonly active: string | null;
}

/** The plugin's key: dispatch a transaction with {@link ThreadMarks} as meta to redraw. */
export const threadPluginKey = new PluginKey<DecorationSet>("concord-threads");

/** A thread's marker in the right margin, level with the first line of its passage. */
function marker(id: string, comments: number, active: boolean, onOpen: (id: string) => void): HTMLElement {
  const button = document.createElement("button");
  button.type = "button";
  button.className = active ? "thread-marker active" : "thread-marker";
  button.dataset.threadMarker = id;
  button.contentEditable = "false";
  button.textContent = String(comments);
  button.title = `${comments} comment${comments === 1 ? "" : "s"}: open the thread`;
  button.setAttribute("aria-label", button.title);
  button.addEventListener("mousedown", (event) => {
    event.preventDefault();
    onOpen(id);
  });
  return button;
}

/**
 * Marks passages under discussion with a dotted underline and a numbered marker in the margin beside
 * their first line, and the thread being looked at with a stronger wash. The discussion panel places
 * the threads and hands the ranges over; choosing a marker asks it to open that thread.
 */
export function threadPlugin(onOpen: (id: string) => void): Plugin<DecorationSet> {
  return new Plugin<DecorationSet>({
    key: threadPluginKey,
    state: {
      init: () => DecorationSet.empty,
      apply(tr, previous) {
        const marks = tr.getMeta(threadPluginKey) as ThreadMarks | undefined;
        if (!marks) return previous.map(tr.mapping, tr.doc);
        const size = tr.doc.content.size;
        const ranges = marks.ranges.filter((r) => r.from < r.to && r.to <= size);
        return DecorationSet.create(
          tr.doc,
          ranges.flatMap((r) => {
            const active = r.id === marks.active;
            return [
              Decoration.inline(r.from, r.to, { class: active ? "comment-anchor active" : "comment-anchor" }),
              Decoration.widget(r.from, () => marker(r.id, r.comments, active, onOpen), {
                side: -1,
                key: `thread-${r.id}-${r.comments}-${active}`,
                ignoreSelection: true,
              }),
            ];
          }),
        );
      },
    },
    props: { decorations: (state) => threadPluginKey.getState(state) },
  });
}
