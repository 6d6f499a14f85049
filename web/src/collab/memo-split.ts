import type { Command } from "prosemirror-state";
import { TextSelection } from "prosemirror-state";
import { ySyncPluginKey } from "y-prosemirror";
import * as Y from "yjs";

/**
 * Where colleagues' carets are in the shared document, as relative positions (what their cursor
 * plugins publish in presence).
 */
export type ColleagueCarets = () => readonly Y.RelativePosition[];

/** The meta of the transaction that follows such a split: the editor's own edit, made through Yjs. */
export const SPLIT_IN_YJS = "concord:split-in-yjs";

/**
 * Enter in the middle of a paragraph of a live memo, splitting it in the shared document so that
 * what colleagues are typing stays where they type it.
 *
 * Yjs has no "split": ProseMirror's own split reaches Yjs as "delete the tail of the paragraph, add a
 * paragraph holding a copy of it", and a colleague's keystrokes into that tail, still on their way,
 * stay behind at the end of the first paragraph ("as gLink to…", formatting spilling after it). So
 * the part that stays put is the one a colleague's caret is in, and the part copied is the other;
 * with no colleague in the paragraph, the shorter one is copied. Only plain paragraphs of text are
 * split this way (a list item's paragraph, a heading, text with inline nodes go to ProseMirror's
 * commands); an empty selection in the middle of the text is required.
 */
export function splitKeepingColleagues(colleagues: ColleagueCarets): Command {
  return (state, dispatch, view) => {
    const { $from, empty } = state.selection;
    const paragraph = $from.parent;
    if (!empty || paragraph.type.name !== "paragraph" || $from.depth < 1) return false;
    if ($from.node($from.depth - 1).type.name === "list_item") return false;
    const offset = $from.parentOffset;
    if (offset === 0 || offset === paragraph.content.size) return false;
    const binding = ySyncPluginKey.getState(state)?.binding as
      | { mapping: Map<Y.AbstractType<unknown>, unknown>; doc: Y.Doc }
      | undefined;
    if (!binding) return false;
    let element: Y.XmlElement | null = null;
    for (const [type, node] of binding.mapping) {
      if (node === paragraph && type instanceof Y.XmlElement) element = type;
    }
    const text = element?.length === 1 ? element.get(0) : null;
    if (!element || !(text instanceof Y.XmlText) || text.length !== paragraph.content.size) return false;
    if (!dispatch || !view) return true;

    let before = 0;
    let after = 0;
    for (const caret of colleagues()) {
      const at = Y.createAbsolutePositionFromRelativePosition(caret, binding.doc);
      if (at?.type !== text) continue;
      if (at.index < offset) before++;
      else after++;
    }
    const keepTail =
      after > 0 && before === 0 ? true : before > 0 && after === 0 ? false : offset <= text.length - offset;
    const parent = element.parent as Y.XmlFragment | Y.XmlElement;
    const index = parent.toArray().indexOf(element);
    const start = $from.before();
    binding.doc.transact(() => {
      const copy = new Y.XmlElement("paragraph");
      const copied = new Y.XmlText();
      copy.insert(0, [copied]);
      // What the copy holds, with its formatting.
      const delta = sliceDelta(
        text.toDelta() as DeltaOp[],
        keepTail ? 0 : offset,
        keepTail ? offset : text.length,
      );
      if (keepTail) {
        parent.insert(index, [copy]);
        text.delete(0, offset);
      } else {
        parent.insert(index + 1, [copy]);
        text.delete(offset, text.length - offset);
      }
      copied.applyDelta(delta);
      // Recorded as ProseMirror's own edits are, so that undo takes it back like any other.
    }, ySyncPluginKey);
    // Yjs has redrawn the editor by now: the caret goes to the start of the second paragraph.
    const now = view.state;
    const caret = Math.min(start + offset + 3, now.doc.content.size);
    view.dispatch(
      now.tr.setSelection(TextSelection.create(now.doc, caret)).scrollIntoView().setMeta(SPLIT_IN_YJS, true),
    );
    return true;
  };
}

interface DeltaOp {
  insert: string | object;
  attributes?: Record<string, unknown>;
}

/** The operations of `delta` covering characters [from, to). */
function sliceDelta(delta: readonly DeltaOp[], from: number, to: number): DeltaOp[] {
  const out: DeltaOp[] = [];
  let at = 0;
  for (const op of delta) {
    const length = typeof op.insert === "string" ? op.insert.length : 1;
    const start = Math.max(from, at);
    const end = Math.min(to, at + length);
    if (start < end) {
      const insert = typeof op.insert === "string" ? op.insert.slice(start - at, end - at) : op.insert;
      out.push(op.attributes ? { insert, attributes: op.attributes } : { insert });
    }
    at += length;
  }
  return out;
}
