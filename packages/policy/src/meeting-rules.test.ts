import { readUpdateChanges } from "@concord/sync";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { Writer } from "./document-rules";
import { reviewMeetingUpdate } from "./meeting-rules";

const facilitator: Writer = { userId: "lee", role: "owner", codebookLocked: false };
const coder: Writer = { userId: "ann", role: "coder", codebookLocked: false };
const observer: Writer = { userId: "obi", role: "observer", codebookLocked: false };
const meeting = {
  facilitatorId: "lee",
  agenda: [{ id: "t:trust:0" }, { id: "t:trust:40" }, { id: "t:power:9" }],
};

/** A meeting room as the server holds it: the first item's rationale begun. */
function room(): Y.Doc {
  const doc = new Y.Doc();
  const text = new Y.Text();
  doc.getMap("rationale").set("t:trust:0", text);
  text.insert(0, "Both readings ");
  return doc;
}

function verdict(server: Y.Doc, writer: Writer, edit: (client: Y.Doc) => void) {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const before = Y.encodeStateVector(client);
  edit(client);
  return reviewMeetingUpdate(
    readUpdateChanges(server, Y.encodeStateAsUpdate(client, before)),
    writer,
    meeting,
  );
}

const ok = { accepted: true, effects: [] };
const rationaleOf = (doc: Y.Doc, item = "t:trust:0") => doc.getMap("rationale").get(item) as Y.Text;

describe("a meeting room's rules", () => {
  it("let the facilitator alone move the meeting to an item", () => {
    const move = (c: Y.Doc) => {
      c.getMap("place").set("item", "t:trust:40");
      c.getMap("place").set("at", 1);
    };
    expect(verdict(room(), facilitator, move)).toEqual(ok);
    expect(verdict(room(), coder, move)).toEqual({
      accepted: false,
      reason: "only the facilitator moves the meeting along",
    });
    expect(verdict(room(), facilitator, (c) => c.getMap("place").set("item", 42))).toEqual({
      accepted: false,
      reason: "the meeting's place is an item and a time",
    });
  });

  it("let anyone attending write a rationale, and observers only read", () => {
    expect(verdict(room(), coder, (c) => rationaleOf(c).insert(14, "hold."))).toEqual(ok);
    expect(
      verdict(room(), coder, (c) => c.getMap("rationale").set("t:power:9", new Y.Text("New item"))),
    ).toEqual(ok);
    expect(verdict(room(), observer, (c) => rationaleOf(c).insert(0, "x"))).toEqual({
      accepted: false,
      reason: "observers follow the meeting and read",
    });
  });

  it("refuse a rationale over 20,000 characters, a rationale taken away, and anything else", () => {
    expect(verdict(room(), coder, (c) => rationaleOf(c).insert(0, "x".repeat(20_000)))).toEqual({
      accepted: false,
      reason: "a rationale holds at most 20,000 characters",
    });
    expect(verdict(room(), coder, (c) => c.getMap("rationale").delete("t:trust:0"))).toEqual({
      accepted: false,
      reason: "a meeting's texts are never taken away",
    });
    expect(
      verdict(room(), coder, (c) => c.getMap("rationale").set("t:trust:0", new Y.Text("replaced"))),
    ).toEqual({
      accepted: false,
      reason: "an item's rationale is written in, never replaced",
    });
    expect(verdict(room(), coder, (c) => c.getMap("decisions").set("x", 1))).toEqual({
      accepted: false,
      reason: 'a meeting has no "decisions"',
    });
    expect(verdict(room(), coder, (c) => rationaleOf(c).format(0, 4, { bold: true }))).toEqual({
      accepted: false,
      reason: "a rationale holds plain text",
    });
  });

  it("keep rationales and the meeting's place to the agenda's items", () => {
    expect(verdict(room(), coder, (c) => c.getMap("rationale").set("junk-1", new Y.Text("x")))).toEqual({
      accepted: false,
      reason: "rationales are kept by agenda item",
    });
    expect(verdict(room(), facilitator, (c) => c.getMap("place").set("item", "no-such-item"))).toEqual({
      accepted: false,
      reason: "the meeting's place is an item and a time",
    });
  });

  it("count a rationale's length from what an update adds and takes: a full text may be retyped", () => {
    const full = room();
    const text = rationaleOf(full);
    text.insert(text.length, "y".repeat(20_000 - text.length));
    expect(verdict(full, coder, (c) => rationaleOf(c).insert(0, "z"))).toEqual({
      accepted: false,
      reason: "a rationale holds at most 20,000 characters",
    });
    expect(
      verdict(full, coder, (c) => {
        rationaleOf(c).delete(0, 10);
        rationaleOf(c).insert(0, "z".repeat(10));
      }),
    ).toEqual(ok);
    expect(
      verdict(room(), coder, (c) => c.getMap("rationale").set("t:power:9", new Y.Text("w".repeat(20_001)))),
    ).toEqual({ accepted: false, reason: "a rationale holds at most 20,000 characters" });
  });

  it("let text be deleted within a rationale, as typing does", () => {
    expect(verdict(room(), coder, (c) => rationaleOf(c).delete(0, 5))).toEqual(ok);
  });
});
