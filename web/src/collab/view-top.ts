import type { EditorView } from "prosemirror-view";
import {
  absolutePositionToRelativePosition,
  relativePositionToAbsolutePosition,
  ySyncPluginKey,
} from "y-prosemirror";
import type { Awareness } from "y-protocols/awareness";
import * as Y from "yjs";

/** The presence field where a page says which block is at the top of its view, for followers. */
export const VIEW_FIELD = "view";

/** What a page publishes in {@link VIEW_FIELD}: a position in the text, and when it was published. */
export interface ViewTop {
  readonly top: unknown;
  readonly at: number;
}

/**
 * The first top-level block of the editor (a turn, a heading) whose bottom is below `top`: found by
 * halving, since a day's hearing has 1,500 of them and blocks are in document order.
 */
export function firstBlockBelow(editor: HTMLElement, top: number): HTMLElement | null {
  const blocks = editor.children;
  let low = 0;
  let high = blocks.length - 1;
  let found: HTMLElement | null = null;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const block = blocks[middle] as HTMLElement;
    if (block.getBoundingClientRect().bottom > top) {
      found = block;
      high = middle - 1;
    } else low = middle + 1;
  }
  return found;
}

/**
 * Publishes, as this page scrolls, which block is at the top of its view (at most every `everyMs`,
 * and once more when the scrolling stops). Returns the function that stops it.
 */
export function publishViewTop(
  view: EditorView,
  frame: HTMLElement,
  awareness: Awareness,
  everyMs = 150,
): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const publish = () => {
    timer = null;
    const binding = ySyncPluginKey.getState(view.state)?.binding;
    const block = firstBlockBelow(view.dom, frame.getBoundingClientRect().top + 1);
    if (!binding || !block || view.isDestroyed) return;
    const pos = view.posAtDOM(block, 0);
    const top = Y.relativePositionToJSON(
      absolutePositionToRelativePosition(pos, binding.type, binding.mapping),
    );
    awareness.setLocalStateField(VIEW_FIELD, { top, at: Date.now() } satisfies ViewTop);
  };
  const onScroll = () => {
    timer ??= setTimeout(publish, everyMs);
  };
  frame.addEventListener("scroll", onScroll, { passive: true });
  return () => {
    frame.removeEventListener("scroll", onScroll);
    if (timer !== null) clearTimeout(timer);
  };
}

/** The block of `view` a colleague's {@link ViewTop} names, or null if it names none here. */
export function blockOf(
  view: EditorView,
  doc: Y.Doc,
  type: Y.XmlFragment,
  viewTop: ViewTop,
): HTMLElement | null {
  const binding = ySyncPluginKey.getState(view.state)?.binding;
  if (!binding || !viewTop.top || typeof viewTop.top !== "object") return null;
  let pos: number | null;
  try {
    pos = relativePositionToAbsolutePosition(
      doc,
      type,
      Y.createRelativePositionFromJSON(viewTop.top),
      binding.mapping,
    );
  } catch {
    return null;
  }
  if (pos === null || pos < 0 || pos > view.state.doc.content.size) return null;
  // The position before a block names the block itself; one inside it, the block around it.
  const at = view.nodeDOM(pos);
  if (at instanceof HTMLElement && at.parentNode === view.dom) return at;
  let node: Node | null = view.domAtPos(pos).node;
  while (node && node !== view.dom && node.parentNode !== view.dom) node = node.parentNode;
  return node instanceof HTMLElement && node !== view.dom ? node : null;
}

/**
 * Scrolls `frame` so that `block` is at its top, and keeps it there for about a second. Blocks far
 * from the screen are not laid out (`content-visibility: auto`) and stand in with an estimated
 * height; those brought on screen take their real size a few frames later (more, on a busy
 * machine), moving the block. Each frame puts it back, until the person scrolls themselves.
 */
export function scrollBlockToTop(block: HTMLElement, frame: HTMLElement, frames = 60): void {
  const offset = () => block.getBoundingClientRect().top - frame.getBoundingClientRect().top;
  frame.scrollTop += offset();
  let expected = frame.scrollTop;
  const aim = (left: number) => {
    if (left <= 0) return;
    requestAnimationFrame(() => {
      // Someone scrolled in between (the follower, or a newer aim): theirs is the last word.
      if (!block.isConnected || Math.abs(frame.scrollTop - expected) > 1) return;
      const off = offset();
      if (Math.abs(off) > 2) {
        frame.scrollTop += off;
        expected = frame.scrollTop;
      }
      aim(left - 1);
    });
  };
  aim(frames);
}
