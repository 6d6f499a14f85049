import { type EditorState, Plugin, TextSelection, type Transaction } from "prosemirror-state";
import type { DecorationSet } from "prosemirror-view";
import { ySyncPluginKey } from "y-prosemirror";

/** A sentence ends at . ! ? (with closing quotes or brackets after), and the spaces that follow. */
const SENTENCE = /[^.!?…]+(?:[.!?…]+["'’”)\]]*|$)\s*/gu;

/** The sentence around the cursor, within its paragraph. */
export function sentenceAt(state: EditorState): TextSelection | null {
  const { $from } = state.selection;
  if (!$from.parent.isTextblock) return null;
  const text = $from.parent.textContent;
  const at = $from.parentOffset;
  for (const match of text.matchAll(SENTENCE)) {
    const start = match.index ?? 0;
    const end = start + match[0].length;
    if (at < end || end === text.length) {
      const trimmed = start + match[0].trimEnd().length;
      return TextSelection.create(state.doc, $from.start() + start, $from.start() + trimmed);
    }
  }
  return null;
}

/** The paragraph (or note, or heading) around the cursor. */
export function paragraphAt(state: EditorState): TextSelection | null {
  const { $from } = state.selection;
  if (!$from.parent.isTextblock) return null;
  return TextSelection.create(state.doc, $from.start(), $from.end());
}

/** The whole turn around the cursor, all its paragraphs. */
export function turnAt(state: EditorState): TextSelection | null {
  const { $from } = state.selection;
  if ($from.depth < 1) return null;
  const found = TextSelection.between(state.doc.resolve($from.start(1)), state.doc.resolve($from.end(1)));
  return found instanceof TextSelection ? found : null;
}

/**
 * The next (or, `backwards`, previous) highlighted passage after (before) the cursor, selected, so
 * that what is under it shows; null when there is none that way.
 */
export function highlightFrom(
  state: EditorState,
  highlights: DecorationSet | undefined,
  backwards: boolean,
): TextSelection | null {
  if (!highlights) return null;
  const head = state.selection.head;
  const found = backwards
    ? highlights.find(0, Math.max(0, head - 1), (spec) => Array.isArray(spec.codings))
    : highlights.find(head + 1, state.doc.content.size, (spec) => Array.isArray(spec.codings));
  const starts = found.filter((d) => (backwards ? d.from < head : d.from > head));
  if (starts.length === 0) return null;
  const pick = starts.reduce((best, d) => ((backwards ? d.from > best.from : d.from < best.from) ? d : best));
  // A passage drawn in several stretches (codings overlap) runs on while the stretches touch.
  let to = pick.to;
  for (const d of highlights.find(pick.from, state.doc.content.size, (spec) => Array.isArray(spec.codings))) {
    if (d.from <= to && d.to > to) to = d.to;
  }
  return TextSelection.create(state.doc, pick.from, to);
}

/**
 * Reading a transcript one may not change, with a caret: the editor stays editable (so the arrow
 * keys move a caret and Shift+arrows select, as in any text), while nothing the person types,
 * pastes or drops reaches the text, and only Yjs changes the document. Keys of their own:
 * S, P and T select the sentence, paragraph and turn at the caret; ] and [ step to the next and
 * previous highlight.
 */
export function readingMode(options: {
  isEditingText: () => boolean;
  highlights: (state: EditorState) => DecorationSet | undefined;
}): Plugin {
  const reading = () => !options.isEditingText();
  const select = (
    state: EditorState,
    dispatch: ((tr: Transaction) => void) | undefined,
    selection: TextSelection | null,
  ) => {
    if (!selection || !dispatch) return selection !== null;
    dispatch(state.tr.setSelection(selection).scrollIntoView());
    return true;
  };
  return new Plugin({
    filterTransaction: (tr) => !tr.docChanged || !reading() || tr.getMeta(ySyncPluginKey) !== undefined,
    props: {
      // Read-only to assistive technology, no spelling marks on someone's words, and no on-screen
      // keyboard on a tablet for text that cannot be typed in.
      attributes: (): Record<string, string> =>
        reading() ? { "aria-readonly": "true", spellcheck: "false", inputmode: "none" } : {},
      handleTextInput: () => reading(),
      handlePaste: () => reading(),
      handleDrop: () => reading(),
      handleDOMEvents: {
        // The browser would change the text itself before ProseMirror could say no.
        beforeinput: (_view, event) => {
          if (!reading()) return false;
          event.preventDefault();
          return true;
        },
      },
      handleKeyDown: (view, event) => {
        if (!reading() || event.ctrlKey || event.metaKey || event.altKey) return false;
        const { state, dispatch } = view;
        switch (event.key.toLowerCase()) {
          case "s":
            return select(state, dispatch, sentenceAt(state));
          case "p":
            return select(state, dispatch, paragraphAt(state));
          case "t":
            return select(state, dispatch, turnAt(state));
          case "]":
            return select(state, dispatch, highlightFrom(state, options.highlights(state), false));
          case "[":
            return select(state, dispatch, highlightFrom(state, options.highlights(state), true));
          case "enter":
          case "backspace":
          case "delete":
            // Nothing to change; say so by doing nothing, rather than letting a command try.
            return true;
          default:
            return false;
        }
      },
    },
  });
}
