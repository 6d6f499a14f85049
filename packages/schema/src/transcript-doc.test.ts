import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { type Coding, codingOf, forEachCoding, transcriptCodings, writeCoding } from "./transcript-doc";

const coding: Coding = {
  codeId: "barriers",
  coderId: "alice",
  anchor: { start: "AQID", end: "BAUG", quote: { prefix: "the ", exact: "funding gap", suffix: " was" } },
  createdAt: 1_700_000_000_000,
};

function all(doc: Y.Doc): Record<string, Coding> {
  const found: Record<string, Coding> = {};
  forEachCoding(doc, (c, id) => {
    found[id] = c;
  });
  return found;
}

describe("a transcript's codings", () => {
  it("are stored as their JSON text and read back as they were written", () => {
    const doc = new Y.Doc();
    writeCoding(doc, "c1", coding);
    expect(typeof transcriptCodings(doc).get("c1")).toBe("string");
    expect(codingOf(doc, "c1")).toEqual(coding);
    expect(all(doc)).toEqual({ c1: coding });
  });

  it("reach another copy through Yjs updates unchanged", () => {
    const doc = new Y.Doc();
    writeCoding(doc, "c1", coding);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    expect(codingOf(copy, "c1")).toEqual(coding);
  });

  it("are the same object at every read until the coding changes, then a new one", () => {
    const doc = new Y.Doc();
    writeCoding(doc, "c1", coding);
    const first = codingOf(doc, "c1");
    expect(codingOf(doc, "c1")).toBe(first);
    expect(all(doc).c1).toBe(first);
    writeCoding(doc, "c1", { ...coding, codeId: "facilitators" });
    const changed = codingOf(doc, "c1");
    expect(changed).not.toBe(first);
    expect(changed?.codeId).toBe("facilitators");
  });

  it("written by an earlier version as objects are still read", () => {
    const doc = new Y.Doc();
    transcriptCodings(doc).set("old", coding);
    writeCoding(doc, "new", coding);
    expect(all(doc)).toEqual({ old: coding, new: coding });
    expect(codingOf(doc, "old")).toEqual(coding);
  });

  it("leave out what a bad client wrote: text that is not JSON, JSON of another shape, nothing", () => {
    const doc = new Y.Doc();
    const codings = transcriptCodings(doc) as Y.Map<unknown>;
    codings.set("not-json", "{ codeId: ");
    codings.set("wrong-shape", JSON.stringify({ codeId: 7 }));
    codings.set("null", null);
    writeCoding(doc, "good", coding);
    expect(Object.keys(all(doc))).toEqual(["good"]);
    expect(codingOf(doc, "not-json")).toBeNull();
    expect(codingOf(doc, "wrong-shape")).toBeNull();
    expect(codingOf(doc, "missing")).toBeNull();
  });

  it("are gone once deleted", () => {
    const doc = new Y.Doc();
    writeCoding(doc, "c1", coding);
    expect(codingOf(doc, "c1")).not.toBeNull();
    transcriptCodings(doc).delete("c1");
    expect(codingOf(doc, "c1")).toBeNull();
    expect(all(doc)).toEqual({});
  });
});
