import { memoFragment, memoSchema } from "@concord/schema";
import * as prng from "lib0/prng";
import { EditorState, type Plugin, TextSelection, type Transaction } from "prosemirror-state";
import type { EditorView } from "prosemirror-view";
import { describe, expect, it } from "vitest";
import { absolutePositionToRelativePosition, ySyncPluginKey, yUndoPluginKey } from "y-prosemirror";
import * as Y from "yjs";
import { memoPlugins } from "./memo-editor";

/**
 * A memo editor without a page: the memo's real plugins (y-prosemirror's binding, undo, the keys)
 * on a stand-in for ProseMirror's view that applies transactions and runs the plugins' views, as
 * the view does. Typing and Enter go through the same commands a keypress runs.
 */
class HeadlessMemo {
  state: EditorState;
  private readonly views: { update?: (view: EditorView, previous: EditorState) => void }[] = [];
  readonly view: EditorView;

  constructor(
    readonly doc: Y.Doc,
    colleague: () => HeadlessMemo | null,
  ) {
    const fragment = memoFragment(doc, "project");
    const plugins = memoPlugins({
      fragment,
      memo: "project",
      awareness: null,
      colleagues: () => {
        const other = colleague();
        return other ? [other.caret()] : [];
      },
    });
    this.state = EditorState.create({ schema: memoSchema, plugins });
    const self = this;
    this.view = {
      get state() {
        return self.state;
      },
      dispatch: (tr: Transaction) => this.apply(tr),
      hasFocus: () => false,
      isDestroyed: false,
    } as unknown as EditorView;
    for (const plugin of plugins as Plugin[])
      if (plugin.spec.view) this.views.push(plugin.spec.view(this.view));
  }

  private apply(tr: Transaction): void {
    const previous = this.state;
    this.state = this.state.apply(tr);
    for (const view of this.views) view.update?.(this.view, previous);
  }

  /** Puts the caret at the end of paragraph `n` (0-based), or `at` characters into it. */
  placeCaret(n: number, at?: number): void {
    let pos = 0;
    this.state.doc.forEach((node, offset, index) => {
      if (index === n) pos = offset + 1 + (at ?? node.content.size);
    });
    this.apply(this.state.tr.setSelection(TextSelection.create(this.state.doc, pos)));
  }

  type(text: string): void {
    this.apply(this.state.tr.insertText(text));
  }

  /** Enter (or another key), as the memo's keys run it. */
  enter(key = "Enter", modifiers: { ctrlKey?: boolean } = {}): void {
    const event = {
      key,
      keyCode: key === "Enter" ? 13 : 0,
      shiftKey: false,
      altKey: false,
      ctrlKey: false,
      metaKey: false,
      ...modifiers,
    };
    const handled = this.state.plugins.some((p) =>
      (p.props.handleKeyDown as ((v: EditorView, e: KeyboardEvent) => boolean) | undefined)?.(
        this.view,
        event as KeyboardEvent,
      ),
    );
    expect(handled).toBe(true);
  }

  /** This editor's caret as its cursor plugin would publish it. */
  caret(): Y.RelativePosition {
    const binding = ySyncPluginKey.getState(this.state).binding;
    return absolutePositionToRelativePosition(this.state.selection.head, binding.type, binding.mapping);
  }

  paragraphs(): string[] {
    const out: string[] = [];
    this.state.doc.forEach((node) => {
      out.push(node.textContent);
    });
    return out;
  }
}

/** Two memo editors on two copies of a document, their updates held until delivered. */
function pair() {
  const docs = [new Y.Doc(), new Y.Doc()] as const;
  const queues: Uint8Array[][] = [[], []];
  docs.forEach((doc, from) => {
    doc.on("update", (update: Uint8Array, origin: unknown) => {
      if (origin !== "relay") queues[1 - from]?.push(update);
    });
  });
  const editors: HeadlessMemo[] = [];
  editors.push(new HeadlessMemo(docs[0], () => editors[1] ?? null));
  editors.push(new HeadlessMemo(docs[1], () => editors[0] ?? null));
  const deliver = (to: 0 | 1, count = Number.POSITIVE_INFINITY) => {
    const queue = queues[to] as Uint8Array[];
    for (const update of queue.splice(0, count)) Y.applyUpdate(docs[to], update, "relay");
  };
  const settle = () => {
    while ((queues[0]?.length ?? 0) + (queues[1]?.length ?? 0) > 0) {
      deliver(0);
      deliver(1);
    }
  };
  return { editors: editors as [HeadlessMemo, HeadlessMemo], deliver, settle };
}

/**
 * Types `phrase` a character at a time, presses Enter once, and delivers a few held updates, in an
 * order the seeded `random` chooses, until all of it is done.
 */
function interleave(
  random: prng.PRNG,
  enter: () => void,
  phrase: string,
  type: (character: string) => void,
  deliver: (to: 0 | 1, count: number) => void,
): void {
  let typed = 0;
  let split = false;
  while (typed < phrase.length || !split) {
    const step = prng.int32(random, 0, 3);
    if (step === 0 && typed < phrase.length) type(phrase[typed++] as string);
    else if (step === 1 && !split) {
      enter();
      split = true;
    } else if (step === 2) deliver(prng.int32(random, 0, 1) as 0 | 1, prng.int32(random, 1, 3));
  }
}

const opening = "We met the carers' group in May. Link to the minutes is below.";

describe("a memo split by one colleague while another types in it", () => {
  it("keeps every word where its writer typed it, whatever the order updates arrive in (200 seeded runs)", () => {
    for (let seed = 1; seed <= 200; seed++) {
      const random = prng.create(seed);
      const { editors, deliver, settle } = pair();
      const [typist, splitter] = editors;
      typist.type(opening);
      settle();
      // The typist writes a phrase before "Link"; the colleague presses Enter somewhere before it.
      const link = opening.indexOf("Link");
      typist.placeCaret(0, link);
      splitter.placeCaret(0, prng.int32(random, 1, link - 1));
      const phrase = "as agreed, ";
      interleave(
        random,
        () => splitter.enter(),
        phrase,
        (ch) => typist.type(ch),
        deliver,
      );
      settle();
      const text = typist.paragraphs().join("\n");
      expect(splitter.paragraphs(), `seed ${seed}`).toEqual(typist.paragraphs());
      expect(text, `seed ${seed}`).toContain(`${phrase}Link to the minutes`);
      expect(text.replace("\n", "").replace(phrase, ""), `seed ${seed}`).toBe(opening);
      expect(typist.paragraphs(), `seed ${seed}`).toHaveLength(2);
    }
  });
});

describe("a memo paragraph split while a colleague types before the split", () => {
  it("keeps the colleague's words in the first paragraph, where they typed them (200 seeded runs)", () => {
    for (let seed = 1; seed <= 200; seed++) {
      const random = prng.create(seed);
      const { editors, deliver, settle } = pair();
      const [typist, splitter] = editors;
      typist.type(opening);
      settle();
      const may = opening.indexOf("May");
      typist.placeCaret(0, may);
      splitter.placeCaret(0, prng.int32(random, may + 5, opening.length - 2));
      const phrase = "early ";
      interleave(
        random,
        () => splitter.enter(),
        phrase,
        (ch) => typist.type(ch),
        deliver,
      );
      settle();
      expect(splitter.paragraphs(), `seed ${seed}`).toEqual(typist.paragraphs());
      expect(typist.paragraphs()[0], `seed ${seed}`).toContain("group in early May.");
    }
  });
});

describe("Enter in a memo paragraph with no colleague in it", () => {
  it("splits it in two, formatting kept on both sides and nowhere else, and undo joins it again", () => {
    const { editors, settle } = pair();
    const [writer, reader] = editors;
    writer.type("Plain start, bold middle plain end.");
    const strong = memoSchema.marks.strong;
    if (!strong) throw new Error("memos have strong text");
    // "bold middle" made strong (paragraph content starts at position 1).
    const from = 1 + "Plain start, ".length;
    writer.view.dispatch(writer.state.tr.addMark(from, from + "bold middle".length, strong.create()));
    settle();
    // A moment later (undo gathers what is typed within half a second into one step).
    yUndoPluginKey.getState(writer.state)?.undoManager.stopCapturing();
    writer.placeCaret(0, "Plain start, bold".length);
    writer.enter();
    settle();
    expect(reader.paragraphs()).toEqual(["Plain start, bold", " middle plain end."]);
    const bold = (memo: HeadlessMemo) => {
      const runs: string[] = [];
      memo.state.doc.descendants((node) => {
        if (node.isText && node.marks.some((m) => m.type === strong)) runs.push(node.text ?? "");
      });
      return runs;
    };
    expect(bold(reader)).toEqual(["bold", " middle"]);
    expect(bold(writer)).toEqual(["bold", " middle"]);
    writer.enter("z", { ctrlKey: true });
    settle();
    expect(reader.paragraphs()).toEqual(["Plain start, bold middle plain end."]);
  });
});
