import {
  type Coding,
  codingOf,
  forEachDistinctCoding,
  seedTranscriptUpdate,
  transcriptCodings,
  transcriptContent,
} from "@concord/schema";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { resolveAnchor } from "./anchor";
import { applyCode, applyCodeOnce, createCodingHistory, removeCoding } from "./codings";
import { indexTranscript } from "./transcript-index";

function transcript(): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(
    doc,
    seedTranscriptUpdate([{ kind: "turn", speaker: "A", text: "Sustaining change needs funding." }]),
  );
  return doc;
}

describe("coding a transcript", () => {
  it("records code, coder, time and an anchor that finds the passage", () => {
    const doc = transcript();
    const id = applyCode(doc, doc, { start: 0, end: 10 }, "sustaining", "alice");
    const coding = codingOf(doc, id);
    expect(coding).toMatchObject({ codeId: "sustaining", coderId: "alice" });
    const index = indexTranscript(transcriptContent(doc));
    expect(resolveAnchor(doc, index, (coding as Coding).anchor)).toEqual({
      start: 0,
      end: 10,
      via: "position",
    });
  });

  it("adds nothing when a coder applies the same code to the same passage again, and says so", () => {
    const doc = transcript();
    const first = applyCodeOnce(doc, doc, { start: 0, end: 10 }, "sustaining", "alice");
    const again = applyCodeOnce(doc, doc, { start: 0, end: 10 }, "sustaining", "alice");
    expect(first.added).toBe(true);
    expect(again).toEqual({ id: first.id, added: false });
    // Another code, another passage or another coder is a coding of its own.
    expect(applyCodeOnce(doc, doc, { start: 0, end: 10 }, "funding", "alice").added).toBe(true);
    expect(applyCodeOnce(doc, doc, { start: 0, end: 11 }, "sustaining", "alice").added).toBe(true);
    expect(applyCodeOnce(doc, doc, { start: 0, end: 10 }, "sustaining", "bob").added).toBe(true);
    expect(transcriptCodings(doc).size).toBe(4);
  });

  it("counts codings that exist twice (written before, or by two tabs at once) once", () => {
    const doc = transcript();
    const tab = new Y.Doc();
    Y.applyUpdate(tab, Y.encodeStateAsUpdate(doc));
    applyCode(doc, doc, { start: 0, end: 10 }, "sustaining", "alice");
    applyCode(tab, tab, { start: 0, end: 10 }, "sustaining", "alice");
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(tab));
    expect(transcriptCodings(doc).size).toBe(2);
    const distinct: string[] = [];
    forEachDistinctCoding(doc, (_, id) => distinct.push(id));
    expect(distinct).toEqual([[...transcriptCodings(doc).keys()].sort()[0]]);
  });

  it("undoes and redoes only one's own coding actions", () => {
    const doc = transcript();
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    const history = createCodingHistory(doc);
    const mine = applyCode(doc, doc, { start: 0, end: 10 }, "c1", "alice");
    const theirs = applyCode(other, other, { start: 11, end: 16 }, "c2", "bob");
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
    history.undo();
    expect([...transcriptCodings(doc).keys()]).toEqual([theirs]);
    history.redo();
    expect(new Set(transcriptCodings(doc).keys())).toEqual(new Set([mine, theirs]));
    removeCoding(doc, mine);
    history.undo();
    expect(transcriptCodings(doc).has(mine)).toBe(true);
  });

  it("keeps a layer's codings apart from the transcript while anchoring into its text", () => {
    const content = transcript();
    const layer = new Y.Doc();
    const id = applyCode(layer, content, { start: 11, end: 17 }, "c1", "alice");
    expect(transcriptCodings(content).size).toBe(0);
    const coding = codingOf(layer, id) as Coding;
    expect(resolveAnchor(content, indexTranscript(transcriptContent(content)), coding.anchor)).toMatchObject({
      start: 11,
      end: 17,
    });
  });
});
