import type { TranscriptIndex } from "@concord/anchoring";
import { OWN_CODING } from "@concord/anchoring";
import {
  type StoredCoding,
  seedDocument,
  transcriptCodings,
  transcriptContent,
  transcriptSchema,
} from "@concord/schema";
import { keymap } from "prosemirror-keymap";
import { EditorState, type Plugin, type Transaction } from "prosemirror-state";
import { EditorView } from "prosemirror-view";
import { initProseMirrorDoc, yCursorPlugin, ySyncPlugin, ySyncPluginKey } from "y-prosemirror";
import type { Awareness } from "y-protocols/awareness";
import type * as Y from "yjs";
import { type CodingRefresh, type CodingView, codingPlugin, codingPluginKey } from "./coding-plugin";
import { blockPositions, offsetOf, positionsOf } from "./coding-ranges";
import { drawableCursor } from "./cursor-filter";
import { PendingHighlight } from "./pending-highlight";
import { cursorLooks } from "./person-colours";
import { shieldFromReactSelection } from "./react-selection-shield";
import { readingMode } from "./reading-keys";
import { type ThreadMarks, threadPlugin, threadPluginKey } from "./thread-plugin";
import { TurnView } from "./turn-view";

/** What the editor needs from its surroundings. */
export interface TranscriptEditorOptions {
  readonly mount: HTMLElement;
  readonly doc: Y.Doc;
  /** The documents whose codings are shown: the transcript's own unless told (a coder's layer, or several). */
  readonly codingDocs?: readonly Y.Doc[];
  readonly awareness: Awareness;
  /**
   * Whether the text may be changed now: only owners, and only after they switch to correcting it,
   * so that coding never edits text by accident (a drag that moves words, a key that types).
   */
  readonly isEditingText: () => boolean;
  readonly view: CodingView;
  /** Called after every transaction (selection changes included), also during construction. */
  readonly onUpdate: (state: EditorState, view: EditorView) => void;
  /** Called when someone chooses a thread's marker in the margin. */
  readonly onOpenThread?: (threadId: string) => void;
  /** Extra keys, such as the code picker's shortcuts. */
  readonly keys?: Record<string, (state: EditorState, dispatch?: (tr: Transaction) => void) => boolean>;
}

/** The transcript editor: ProseMirror bound to the shared content, cursors of others, highlights. */
export interface TranscriptEditor {
  readonly view: EditorView;
  /** Redraws the highlights, optionally with new codes or filters. */
  refresh(view?: CodingView): void;
  /** Re-reads whether the text is editable (after switching to or from correcting it). */
  updateEditable(): void;
  /** Marks the passages that have threads. */
  markThreads(marks: ThreadMarks): void;
  /** The canonical text index the highlights were placed with (rebuilt whenever the text changes). */
  index(): TranscriptIndex | null;
  /** The selection in canonical offsets, with that index; null when nothing is selected. */
  selectedRange(): { index: TranscriptIndex; start: number; end: number } | null;
  /** The ProseMirror positions of a canonical range, or null while text and index disagree. */
  positionsOf(start: number, end: number): { from: number; to: number } | null;
  /**
   * Draws the selection in `colour` at once, as the coding about to be made of it will be drawn
   * (see {@link PendingHighlight}); it goes when one's next coding is drawn, or with `clearPending`.
   */
  showPending(colour: string): void;
  clearPending(): void;
  /** Gets highlights ready for these code colours, in idle time. */
  preparePending(colours: Iterable<string>): void;
  destroy(): void;
}

/** Blocks are fixed after import: splitting or joining a turn would orphan the anchors inside it. */
const keepTurnsWhole = keymap({
  Enter: () => true,
  "Shift-Enter": () => true,
  Backspace: (state) => state.selection.empty && state.selection.$from.parentOffset === 0,
  Delete: (state) =>
    state.selection.empty && state.selection.$from.parentOffset === state.selection.$from.parent.content.size,
});

/**
 * Runs a plugin's view update only when `matters` says the transaction concerns it. y-prosemirror's
 * views do their work after every transaction: the sync view compares the whole document with Yjs
 * (in a Yjs transaction of its own), the cursor view turns the selection into relative positions;
 * for 1,471 turns that is a millisecond or two on every keypress that codes and every redraw.
 */
function updateOnlyWhen(
  plugin: Plugin,
  matters: (view: EditorView, previous: EditorState) => boolean,
): Plugin {
  const makeView = plugin.spec.view;
  if (!makeView) return plugin;
  (plugin.spec as { view: typeof makeView }).view = (view) => {
    const inner = makeView(view);
    return {
      ...inner,
      update: (view, previous) => {
        if (matters(view, previous)) inner.update?.(view, previous);
      },
    };
  };
  return plugin;
}

/** Mounts the editor for a transcript document. */
export function createTranscriptEditor(options: TranscriptEditorOptions): TranscriptEditor {
  // A transcript already loaded (from this browser's copy or the server) is built straight into the
  // first state, rather than into an empty editor that y-prosemirror then replaces wholesale.
  const content = transcriptContent(options.doc);
  const codingDocs = options.codingDocs ?? [options.doc];
  const loaded = content.length > 0 ? initProseMirrorDoc(content, transcriptSchema) : null;
  const state = EditorState.create({
    schema: transcriptSchema,
    // Until the content arrives, one empty turn with an empty paragraph: a place for the cursor
    // (the schema's own filler, a turn without a paragraph, has none).
    doc: loaded ? loaded.doc : seedDocument([]),
    plugins: [
      updateOnlyWhen(
        ySyncPlugin(content, loaded ? { mapping: loaded.mapping } : {}),
        (view, previous) =>
          view.state.doc !== previous.doc ||
          ySyncPluginKey.getState(view.state) !== ySyncPluginKey.getState(previous),
      ),
      // Its cursor follows the selection; focus changes reach it through its own DOM listeners.
      updateOnlyWhen(
        yCursorPlugin(options.awareness, { awarenessStateFilter: drawableCursor(), ...cursorLooks }),
        (view, previous) => view.state.doc !== previous.doc || !view.state.selection.eq(previous.selection),
      ),
      keymap(options.keys ?? {}),
      readingMode({
        isEditingText: options.isEditingText,
        highlights: (state) => codingPluginKey.getState(state)?.decorations,
      }),
      keepTurnsWhole,
      codingPlugin(options.doc, options.view, codingDocs),
      threadPlugin((id) => options.onOpenThread?.(id)),
    ],
  });
  const view = new EditorView(options.mount, {
    state,
    // Always editable, so that a caret moves through the text and Shift+arrows select for everyone;
    // the reading mode keeps what a person types out of text they may not change.
    editable: () => true,
    nodeViews: {
      turn: (node) => new TurnView(node),
      note: (node) => new TurnView(node),
    },
    // A text box with a caret, multiline, read-only unless one is correcting it (reading mode).
    attributes: {
      class: "transcript",
      "aria-label": "Transcript",
      role: "textbox",
      "aria-multiline": "true",
      // Where the page's skip link goes.
      "data-skip-target": "transcript",
    },
    // ProseMirror calls this with the view as `this`, also while the constructor is still running.
    dispatchTransaction(this: EditorView, tr) {
      // y-prosemirror's deferred work (a re-render on a timer, a colleague's cursor) may still
      // dispatch after the page closed the editor: there is no view left to update.
      if (this.isDestroyed) return;
      const next = this.state.apply(tr);
      this.updateState(next);
      options.onUpdate(next, this);
    },
  });
  view.dom.setAttribute("tabindex", "0");
  shieldFromReactSelection(view.dom);
  const codings = codingDocs.map(transcriptCodings);
  // Others' codings arrive in bursts: redraw once per frame, and only after the browser has told the
  // editor about a selection the person just made (redrawing first would put the old one back).
  let frame: number | null = null;
  let waiting = new Set<string>();
  const pending = new PendingHighlight();
  const redraw = (event: Y.YMapEvent<StoredCoding>) => {
    for (const id of event.keysChanged) waiting.add(id);
    const flush = () => {
      frame = null;
      const changed = waiting;
      waiting = new Set();
      view.dispatch(view.state.tr.setMeta(codingPluginKey, { changed } satisfies CodingRefresh));
    };
    // One's own coding is drawn at once, in place of the highlight shown for it while it was made.
    if (event.transaction.origin === OWN_CODING) {
      if (frame !== null) cancelAnimationFrame(frame);
      flush();
      pending.clear();
      return;
    }
    frame ??= requestAnimationFrame(flush);
  };
  for (const map of codings) map.observe(redraw);
  // A correction typed in this editor reaches Yjs after ProseMirror has drawn it: place every
  // coding again on the new text once the typing pauses (remote corrections arrive placed).
  let typed: ReturnType<typeof setTimeout> | null = null;
  const corrected = (_: unknown, transaction: Y.Transaction) => {
    if (transaction.origin !== ySyncPluginKey) return;
    if (typed !== null) clearTimeout(typed);
    typed = setTimeout(() => {
      typed = null;
      view.dispatch(view.state.tr.setMeta(codingPluginKey, { textChanged: true } satisfies CodingRefresh));
    }, 150);
  };
  content.observeDeep(corrected);
  return {
    view,
    refresh(next) {
      view.dispatch(view.state.tr.setMeta(codingPluginKey, next ? { view: next } : {}));
    },
    updateEditable() {
      view.setProps({});
    },
    markThreads(marks) {
      view.dispatch(view.state.tr.setMeta(threadPluginKey, marks));
    },
    index: () => codingPluginKey.getState(view.state)?.index ?? null,
    selectedRange() {
      const index = codingPluginKey.getState(view.state)?.index;
      const { from, to, empty } = view.state.selection;
      if (!index || empty) return null;
      const start = offsetOf(index, view.state.doc, from);
      const end = offsetOf(index, view.state.doc, to);
      return start < end ? { index, start, end } : null;
    },
    positionsOf(start, end) {
      const index = codingPluginKey.getState(view.state)?.index;
      if (!index) return null;
      // Block starts are kept per document (text-blocks.ts), for the marks of many threads at once.
      return positionsOf(index, blockPositions(view.state.doc), start, end);
    },
    showPending(colour) {
      const { from, to } = view.state.selection;
      pending.show(view, from, to, colour);
    },
    clearPending: () => pending.clear(),
    preparePending: (colours) => pending.prepare(colours),
    destroy() {
      pending.destroy();
      if (frame !== null) cancelAnimationFrame(frame);
      for (const map of codings) map.unobserve(redraw);
      content.unobserveDeep(corrected);
      if (typed !== null) clearTimeout(typed);
      view.destroy();
    },
  };
}
