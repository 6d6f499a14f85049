import { describe, expect, it } from "vitest";
import { prosemirrorToYXmlFragment, yXmlFragmentToProseMirrorRootNode } from "y-prosemirror";
import * as Y from "yjs";
import { type SeedBlock, seedDocument, seedTranscriptUpdate, seedTranscriptUpdates } from "./seed-transcript";
import { transcriptContent } from "./transcript-doc";
import { transcriptSchema } from "./transcript-schema";

const blocks: SeedBlock[] = [
  { kind: "note", text: "Interview 6, recorded 14 May 2024." },
  { kind: "turn", speaker: "Interviewer", text: "How do you understand co-production?", start: 2.5, end: 7 },
  { kind: "turn", speaker: null, text: "" },
  { kind: "turn", speaker: "Chief Officer", text: "As sharing power — with people who use services 🙂." },
  { kind: "heading", text: "Part two: implementation" },
  {
    kind: "turn",
    speaker: "Chief Officer",
    text: "First, the board.\n\n  Then the localities.  \nAnd last, people.",
  },
];

const loaded = (...updates: Uint8Array[]) => {
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, update);
  return transcriptContent(doc);
};

describe("seeding a transcript", () => {
  it("makes the content y-prosemirror makes from the same document", () => {
    const theirs = transcriptContent(new Y.Doc());
    prosemirrorToYXmlFragment(seedDocument(blocks), theirs);
    const ours = loaded(seedTranscriptUpdate(blocks));
    expect(ours.toString()).toBe(theirs.toString());
    expect(ours.toArray().map((e) => (e as Y.XmlElement).getAttributes())).toEqual(
      theirs.toArray().map((e) => (e as Y.XmlElement).getAttributes()),
    );
    expect(yXmlFragmentToProseMirrorRootNode(ours, transcriptSchema).eq(seedDocument(blocks))).toBe(true);
  });

  it("writes a long transcript as slices that together make the same document", () => {
    const many = Array.from({ length: 400 }, (_, i) => ({
      kind: "turn" as const,
      speaker: `Speaker ${i % 3}`,
      text: `Turn ${i}. ${"Sharing power takes time. ".repeat(20)}`,
    }));
    const slices = seedTranscriptUpdates(many, 10_000);
    expect(slices.length).toBeGreaterThan(10);
    const sliced = loaded(...slices);
    expect(yXmlFragmentToProseMirrorRootNode(sliced, transcriptSchema).eq(seedDocument(many))).toBe(true);
    expect(sliced.toString()).toBe(loaded(seedTranscriptUpdate(many)).toString());
  });

  it("gives a transcript without blocks one empty turn", () => {
    expect(loaded(seedTranscriptUpdate([])).toString()).toBe("<turn><paragraph></paragraph></turn>");
  });

  it("keeps a turn's paragraphs, each its own, leaving blank lines out", () => {
    const turn = seedDocument(blocks).child(5);
    expect(turn.childCount).toBe(3);
    expect(turn.textBetween(0, turn.content.size, "|")).toBe(
      "First, the board.|Then the localities.|And last, people.",
    );
    expect(turn.attrs.speaker).toBe("Chief Officer");
    expect(seedDocument([{ kind: "turn", speaker: "A", text: "" }]).child(0).childCount).toBe(1);
  });
});
