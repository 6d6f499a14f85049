import { seedTranscriptUpdate, transcriptContent } from "@concord/schema";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  blockCodePointOffset,
  blockUtf16Index,
  codePointOffsetOf,
  indexTranscript,
  utf16IndexOf,
} from "./transcript-index";

function blocksOf(...texts: string[]) {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, seedTranscriptUpdate(texts.map((text) => ({ kind: "turn", speaker: "A", text }))));
  return indexTranscript(transcriptContent(doc)).blocks;
}

describe("block offsets", () => {
  it("agree with walking the text, in plain blocks (the shortcut) and in blocks with emoji", () => {
    const blocks = blocksOf(
      "Plain words, accents é and ß, all in the BMP.",
      "Joy 😀 then 👩🏽‍⚕️ and 𝄞 clefs.",
    );
    for (const block of blocks) {
      for (let offset = 0; offset <= block.length; offset++) {
        const index = blockUtf16Index(block, offset);
        expect(index).toBe(utf16IndexOf(block.content, offset));
        expect(blockCodePointOffset(block, index)).toBe(codePointOffsetOf(block.content, index));
        expect(blockCodePointOffset(block, index)).toBe(offset);
      }
    }
  });

  it("clamp offsets beyond the block to its end", () => {
    const [plain] = blocksOf("short");
    expect(plain && blockUtf16Index(plain, 99)).toBe(5);
    expect(plain && blockUtf16Index(plain, -3)).toBe(0);
  });
});

describe("the canonical text", () => {
  it("gives each paragraph of a turn a block of its own, joined by one newline, with its turn's speaker", () => {
    const doc = new Y.Doc();
    Y.applyUpdate(
      doc,
      seedTranscriptUpdate([
        { kind: "heading", text: "Morning session" },
        { kind: "turn", speaker: "Witness", text: "First point.\nSecond point." },
        { kind: "turn", speaker: "Counsel", text: "Thank you." },
      ]),
    );
    const index = indexTranscript(transcriptContent(doc));
    expect(index.text).toBe("Morning session\nFirst point.\nSecond point.\nThank you.");
    expect(index.blocks.map((b) => [b.kind, b.speaker, b.turn, b.start])).toEqual([
      ["heading", null, 0, 0],
      ["turn", "Witness", 1, 16],
      ["turn", "Witness", 1, 29],
      ["turn", "Counsel", 2, 43],
    ]);
    expect(index.blocks[2]?.owner).toBe(index.blocks[1]?.owner);
  });

  it("reads turns written before turns had paragraphs, which held their text themselves", () => {
    const doc = new Y.Doc();
    const old = new Y.XmlElement("turn");
    old.setAttribute("speaker", "Chief Officer");
    old.insert(0, [new Y.XmlText("Sharing power takes time.")]);
    transcriptContent(doc).insert(0, [old]);
    const index = indexTranscript(transcriptContent(doc));
    expect(index.text).toBe("Sharing power takes time.");
    expect(index.blocks[0]).toMatchObject({ element: old, owner: old, speaker: "Chief Officer", length: 25 });
  });
});
