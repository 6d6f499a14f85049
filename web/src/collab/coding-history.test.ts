import { applyCode, removeCoding } from "@concord/anchoring";
import { seedTranscriptUpdate } from "@concord/schema";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { CodingHistory } from "./coding-history";

function transcript(): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(
    doc,
    seedTranscriptUpdate([{ kind: "turn", speaker: "A", text: "Sustaining change needs funding." }]),
  );
  return doc;
}

describe("one's coding history", () => {
  it("says what undo and redo would do, and that there is nothing when there is nothing", () => {
    const doc = transcript();
    const history = new CodingHistory(doc);
    let changes = 0;
    history.subscribe(() => changes++);
    expect(history.current()).toEqual({ undo: null, redo: null });

    history.describeNext("coding “Funding”");
    const id = applyCode(doc, doc, { start: 24, end: 31 }, "funding", "alice");
    expect(history.current()).toEqual({ undo: "coding “Funding”", redo: null });
    history.describeNext("removing “Funding”");
    removeCoding(doc, id);
    expect(history.current().undo).toBe("removing “Funding”");

    history.undo();
    expect(history.current()).toEqual({ undo: "coding “Funding”", redo: "removing “Funding”" });
    history.undo();
    expect(history.current()).toEqual({ undo: null, redo: "coding “Funding”" });
    history.redo();
    expect(history.current()).toEqual({ undo: "coding “Funding”", redo: "removing “Funding”" });
    expect(changes).toBeGreaterThanOrEqual(5);
    history.destroy();
  });
});
