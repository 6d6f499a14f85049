import { seedDocument } from "@concord/schema";
import { EditorState, TextSelection } from "prosemirror-state";
import { Decoration, DecorationSet } from "prosemirror-view";
import { describe, expect, it } from "vitest";
import { highlightFrom, paragraphAt, sentenceAt, turnAt } from "./reading-keys";

const doc = seedDocument([
  { kind: "turn", speaker: "Interviewer", text: "How did it start?" },
  {
    kind: "turn",
    speaker: "Chief Officer",
    text: "With the carers. They asked for a seat! We said yes.\nThen the board agreed.",
  },
]);
/** A state with the caret at the first occurrence of `word`. */
const at = (word: string) => {
  let pos = 0;
  doc.descendants((node, offset) => {
    if (pos || !node.isText) return;
    const i = node.text?.indexOf(word) ?? -1;
    if (i >= 0) pos = offset + i;
  });
  return EditorState.create({ doc, selection: TextSelection.create(doc, pos) });
};
const textBetween = (from: number, to: number) => doc.textBetween(from, to, "\n");
const selected = (selection: TextSelection | null) =>
  selection ? textBetween(selection.from, selection.to) : null;

describe("keys for reading and selecting", () => {
  it("select the sentence, the paragraph and the turn at the caret", () => {
    expect(selected(sentenceAt(at("asked")))).toBe("They asked for a seat!");
    expect(selected(sentenceAt(at("yes")))).toBe("We said yes.");
    expect(selected(paragraphAt(at("asked")))).toBe("With the carers. They asked for a seat! We said yes.");
    expect(selected(turnAt(at("board")))).toBe(
      "With the carers. They asked for a seat! We said yes.\nThen the board agreed.",
    );
  });

  it("step to the next and previous highlight, and stop where there is none", () => {
    const state = at("asked");
    const from = state.selection.from;
    const highlights = DecorationSet.create(doc, [
      Decoration.inline(3, 10, { class: "coding" }, { codings: ["a"] }),
      Decoration.inline(from + 10, from + 14, { class: "coding" }, { codings: ["b"] }),
      Decoration.inline(from + 14, from + 18, { class: "coding" }, { codings: ["b", "c"] }),
    ]);
    // Two touching stretches are one passage.
    expect(selected(highlightFrom(state, highlights, false))).toBe("a seat! ");
    expect(selected(highlightFrom(state, highlights, true))).toBe(textBetween(3, 10));
    const last = EditorState.create({ doc, selection: TextSelection.create(doc, doc.content.size - 2) });
    expect(highlightFrom(last, highlights, false)).toBeNull();
  });
});
