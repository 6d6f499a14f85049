import { codingOf, transcriptContent } from "@concord/schema";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createAnchor, resolveAnchor } from "./anchor";
import { applyCode } from "./codings";
import { hasLegacyTurns, migrateLegacyTurns } from "./paragraph-migration";
import { indexTranscript } from "./transcript-index";

/** A transcript as versions before paragraphs wrote it: each turn's text directly inside the turn. */
function legacyTranscript(...turns: [string, string][]): Y.Doc {
  const doc = new Y.Doc();
  transcriptContent(doc).insert(
    0,
    turns.map(([speaker, text]) => {
      const turn = new Y.XmlElement("turn");
      turn.setAttribute("speaker", speaker);
      turn.insert(0, [new Y.XmlText(text)]);
      return turn;
    }),
  );
  return doc;
}

const passage = (doc: Y.Doc, text: string) => {
  const index = indexTranscript(transcriptContent(doc));
  const start = index.text.indexOf(text);
  return { index, start, end: start + text.length };
};

describe("turns written before turns had paragraphs", () => {
  it("become a turn with one paragraph, keeping the text, the speakers and every passage", () => {
    const doc = legacyTranscript(
      ["Interviewer", "How do you understand co-production?"],
      ["Chief Officer", "As sharing power with people who use services."],
    );
    const coded = passage(doc, "sharing power");
    const codingId = applyCode(doc, doc, coded, "understanding", "coder-1");
    const spanning = passage(doc, "production?\nAs sharing");
    const acrossTurns = applyCode(doc, doc, spanning, "implementation", "coder-2");
    const threadAnchor = createAnchor(coded.index, coded.start, coded.end);
    const textBefore = coded.index.text;
    expect(hasLegacyTurns(doc)).toBe(true);

    const result = migrateLegacyTurns(doc, [threadAnchor]);

    expect(hasLegacyTurns(doc)).toBe(false);
    const turns = transcriptContent(doc).toArray() as Y.XmlElement[];
    expect(
      turns.map((t) => [
        t.nodeName,
        t.getAttribute("speaker"),
        t.toArray().map((c) => (c as Y.XmlElement).nodeName),
      ]),
    ).toEqual([
      ["turn", "Interviewer", ["paragraph"]],
      ["turn", "Chief Officer", ["paragraph"]],
    ]);
    const after = indexTranscript(transcriptContent(doc));
    expect(after.text).toBe(textBefore);
    for (const [id, range] of [
      [codingId, coded],
      [acrossTurns, spanning],
    ] as const) {
      const coding = codingOf(doc, id);
      expect(coding && resolveAnchor(doc, after, coding.anchor)).toEqual({
        start: range.start,
        end: range.end,
        via: "position",
      });
    }
    expect(codingOf(doc, codingId)).toMatchObject({ codeId: "understanding", coderId: "coder-1" });
    const moved = result?.others[0];
    expect(moved && resolveAnchor(doc, after, moved)).toEqual({
      start: coded.start,
      end: coded.end,
      via: "position",
    });
  });

  it("are left alone once migrated, and a document in today's shape is not touched", () => {
    const doc = legacyTranscript(["A", "Once."]);
    expect(migrateLegacyTurns(doc)).not.toBeNull();
    const state = Y.encodeStateVector(doc);
    expect(migrateLegacyTurns(doc)).toBeNull();
    expect(Y.encodeStateVector(doc)).toEqual(state);
  });
});
