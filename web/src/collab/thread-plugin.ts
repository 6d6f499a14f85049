import { Plugin, PluginKey } from "prosemirror-state";
import { Decoration, DecorationSet } from "prosemirror-view";

/** The passages that have threads, in ProseMirror positions, and the thread being looked at. */
export interface ThreadMarks {
  readonly ranges: readonly { readonly id: string; readonly from: number; readonly to: number }[];
  readonly active: string | null;
}

/** The plugin's key: dispatch a transaction with {@link ThreadMarks} as meta to redraw. */
export const threadPluginKey = new PluginKey<DecorationSet>("concord-threads");

/**
 * Marks passages under discussion with a dotted underline, and the thread being looked at with a
 * stronger wash. The discussion panel places the threads and hands the ranges over.
 */
export function threadPlugin(): Plugin<DecorationSet> {
  return new Plugin<DecorationSet>({
    key: threadPluginKey,
    state: {
      init: () => DecorationSet.empty,
      apply(tr, previous) {
        const marks = tr.getMeta(threadPluginKey) as ThreadMarks | undefined;
        if (!marks) return previous.map(tr.mapping, tr.doc);
        const size = tr.doc.content.size;
        return DecorationSet.create(
          tr.doc,
          marks.ranges
            .filter((r) => r.from < r.to && r.to <= size)
            .map((r) =>
              Decoration.inline(r.from, r.to, {
                class: r.id === marks.active ? "comment-anchor active" : "comment-anchor",
              }),
            ),
        );
      },
    },
    props: { decorations: (state) => threadPluginKey.getState(state) },
  });
}
