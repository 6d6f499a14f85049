import { seedTranscriptUpdate, transcriptContent } from "@concord/schema";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createAnchor, resolveAnchor } from "./anchor";
import { indexTranscript } from "./transcript-index";

function transcript(...turns: string[]): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(
    doc,
    seedTranscriptUpdate(
      turns.map((text, i) => ({ kind: "turn", speaker: i % 2 ? "Chief Officer" : "Interviewer", text })),
    ),
  );
  return doc;
}

/** The XmlText of block of text `block`, as an owner's correction edits it. */
function textOf(doc: Y.Doc, block: number): Y.XmlText {
  return indexTranscript(transcriptContent(doc)).blocks[block]?.text as Y.XmlText;
}

function anchorOn(doc: Y.Doc, passage: string) {
  const index = indexTranscript(transcriptContent(doc));
  const start = [...index.text.slice(0, index.text.indexOf(passage))].length;
  return createAnchor(index, start, start + [...passage].length);
}

function passageOf(doc: Y.Doc, anchor: ReturnType<typeof anchorOn>): string | null {
  const index = indexTranscript(transcriptContent(doc));
  const range = resolveAnchor(doc, index, anchor);
  return range ? [...index.text].slice(range.start, range.end).join("") : null;
}

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe("an anchor on a transcript", () => {
  it("finds its passage again", () => {
    const doc = transcript(
      "How do you understand co-production?",
      "It means working with people, not doing to them.",
    );
    expect(passageOf(doc, anchorOn(doc, "working with people"))).toBe("working with people");
  });

  it("survives corrections made at the same time by two owners elsewhere in the text", () => {
    const alice = transcript(
      "How do you understand co-production?",
      "It means working with people, not doing to them.",
    );
    const bob = new Y.Doc();
    Y.applyUpdate(bob, Y.encodeStateAsUpdate(alice));
    const anchor = anchorOn(alice, "working with people");
    textOf(alice, 1).insert(0, "Well, ");
    textOf(bob, 1).delete(textOf(bob, 1).length - 1, 1);
    textOf(bob, 0).insert(0, "So: ");
    sync(alice, bob);
    expect(passageOf(alice, anchor)).toBe("working with people");
    expect(passageOf(bob, anchor)).toBe("working with people");
  });

  it("keeps a correction inside the passage inside it", () => {
    const doc = transcript("It means workng with people.");
    const anchor = anchorOn(doc, "workng with");
    textOf(doc, 0).insert(13, "i");
    expect(passageOf(doc, anchor)).toBe("working with");
  });

  it("does not grow when someone types right at either edge", () => {
    const doc = transcript("barriers and facilitators");
    const anchor = anchorOn(doc, "and");
    textOf(doc, 0).insert(12, "XX");
    textOf(doc, 0).insert(9, "YY");
    expect(passageOf(doc, anchor)).toBe("and");
  });

  it("survives a reload from the encoded document", () => {
    const doc = transcript("Governance and reform.", "Sustaining it is hard.");
    const anchor = anchorOn(doc, "Sustaining");
    const reloaded = new Y.Doc();
    Y.applyUpdate(reloaded, Y.encodeStateAsUpdate(doc));
    expect(passageOf(reloaded, anchor)).toBe("Sustaining");
  });

  it("spans several turns", () => {
    const doc = transcript("first turn ends here", "second turn starts here");
    const anchor = anchorOn(doc, "here\nsecond");
    expect(passageOf(doc, anchor)).toBe("here\nsecond");
  });

  it("falls back to its quote when its text was deleted and written again", () => {
    const doc = transcript("We pooled budgets in 2019.", "Then it stalled.");
    const anchor = anchorOn(doc, "pooled budgets");
    const text = textOf(doc, 0);
    text.delete(0, text.length);
    text.insert(0, "We pooled budgets in 2018.");
    const index = indexTranscript(transcriptContent(doc));
    expect(resolveAnchor(doc, index, anchor)).toMatchObject({ via: "quote" });
    expect(passageOf(doc, anchor)).toBe("pooled budgets");
  });

  it("becomes an orphan when its text is deleted, and can be attached again elsewhere", () => {
    const doc = transcript("Integration joint boards decide.", "Nothing else.");
    const anchor = anchorOn(doc, "joint boards");
    textOf(doc, 0).delete(12, 13);
    expect(passageOf(doc, anchor)).toBeNull();
    const reattached = anchorOn(doc, "Nothing");
    expect(passageOf(doc, reattached)).toBe("Nothing");
  });

  it("prefers the occurrence whose context matches when the quote appears twice", () => {
    const doc = transcript("yes, yes. I agree.", "So, yes, the budget.");
    const anchor = anchorOn(doc, "yes, the");
    const text = textOf(doc, 1);
    text.delete(0, text.length);
    text.insert(0, "So, yes, the budget.");
    expect(passageOf(doc, anchor)).toBe("yes, the");
  });

  it("counts offsets in code points, so emoji and astral characters take one place each", () => {
    const doc = transcript("Service users 😀 said 𝔁 matters", "👍🏽 agreed");
    const index = indexTranscript(transcriptContent(doc));
    expect(index.text).toBe("Service users 😀 said 𝔁 matters\n👍🏽 agreed");
    expect(index.length).toBe([...index.text].length);
    const anchor = createAnchor(index, 14, 20);
    expect(anchor.quote.exact).toBe("😀 said");
    expect(passageOf(doc, anchor)).toBe("😀 said");
    textOf(doc, 0).insert(0, "🎉");
    const moved = resolveAnchor(doc, indexTranscript(transcriptContent(doc)), anchor);
    expect(moved).toEqual({ start: 15, end: 21, via: "position" });
    expect(passageOf(doc, createAnchor(indexTranscript(transcriptContent(doc)), 32, 36))).toBe("👍🏽 a");
  });

  it("refuses an empty or out-of-range span with a RangeError", () => {
    const index = indexTranscript(transcriptContent(transcript("short")));
    expect(() => createAnchor(index, 2, 2)).toThrow(RangeError);
    expect(() => createAnchor(index, 0, 99)).toThrow(RangeError);
  });
});

describe("a malformed anchor (written by a bad client)", () => {
  it("resolves to nothing, like an orphan, instead of failing", () => {
    const doc = transcript("Co-production is understood as shared power.");
    const index = indexTranscript(transcriptContent(doc));
    for (const anchor of [
      null,
      {},
      { start: 5, end: 9 },
      { start: "AA==", end: "AA==" },
      { start: "x", end: "y", quote: 7 },
    ])
      expect(resolveAnchor(doc, index, anchor as never)).toBeNull();
  });
});

describe("anchors from a hostile client", () => {
  const encode = (json: Record<string, unknown>) =>
    Buffer.from(Y.encodeRelativePosition(Y.createRelativePositionFromJSON(json))).toString("base64");
  const positions = {
    "a root named by a position": encode({ type: null, tname: "elsewhere", item: null, assoc: 0 }),
    // A kind of position Yjs does not know decodes to one that names nothing.
    "a position that names nothing": Buffer.from([3, 0]).toString("base64"),
    "an item of no client here": encode({
      type: null,
      tname: null,
      item: { client: 424242, clock: 3 },
      assoc: 0,
    }),
    "a type that is a character": encode({
      type: { client: 1, clock: 2 },
      tname: null,
      item: null,
      assoc: 0,
    }),
    "bytes that are no position": "////",
  };
  for (const [what, position] of Object.entries(positions)) {
    it(`are orphans, never exceptions, when they hold ${what}`, () => {
      const doc = transcript("How is co-production understood here?");
      const lost = { start: position, end: position, quote: { prefix: "", exact: "never said", suffix: "" } };
      expect(resolveAnchor(doc, indexTranscript(transcriptContent(doc)), lost)).toBeNull();
      // Resolving created nothing in the document either.
      expect([...doc.share.keys()]).toEqual(["content"]);
    });
  }
});
