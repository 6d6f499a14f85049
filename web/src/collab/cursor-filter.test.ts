import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { drawableCursor } from "./cursor-filter";

const drawable = drawableCursor();
const position = (id: unknown) => ({ type: id, tname: null, item: id, assoc: 0 });
const withCursor = (head: unknown) => ({
  user: { id: "u2", name: "Colleague" },
  cursor: { anchor: head, head },
});

describe("which colleagues' cursors a page draws", () => {
  it("draws one whose positions are Yjs's own", () => {
    const doc = new Y.Doc();
    const text = doc.getXmlFragment("content");
    text.insert(0, [new Y.XmlText("Some words")]);
    const head = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text.get(0) as Y.XmlText, 3));
    expect(drawable(1, 2, withCursor(head))).toBe(true);
  });

  it("leaves out positions whose clock or client is not a whole number from 0, which break resolving them", () => {
    for (const id of [
      { client: 1, clock: "x" },
      { client: 1, clock: -1 },
      { client: -4, clock: 2 },
      { client: 1.5, clock: 2 },
      { client: 1, clock: Number.NaN },
      "1:2",
    ]) {
      expect(drawable(1, 2, withCursor(position(id))), JSON.stringify(id)).toBe(false);
    }
    expect(drawable(1, 2, withCursor({ item: { client: 1, clock: 2 }, tname: null, assoc: "0" }))).toBe(
      false,
    );
  });

  it("leaves out this tab's own state and a state that does not say who it is", () => {
    expect(drawable(2, 2, withCursor(null))).toBe(false);
    expect(drawable(1, 2, { cursor: null })).toBe(false);
  });
});
