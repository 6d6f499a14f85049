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
