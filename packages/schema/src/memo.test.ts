import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { memoEdits, memoFragment, memoSchema, touchMemo } from "./memo";

describe("memos", () => {
  it("are one shared text per memo, even when two people open a new one at once", () => {
    const alice = new Y.Doc();
    const bob = new Y.Doc();
    memoFragment(alice, "code:c1").insert(0, [new Y.XmlText("Alice's words")]);
    memoFragment(bob, "code:c1").insert(0, [new Y.XmlText("Bob's words")]);
    Y.applyUpdate(bob, Y.encodeStateAsUpdate(alice));
    Y.applyUpdate(alice, Y.encodeStateAsUpdate(bob));
    expect(memoFragment(alice, "code:c1").toString()).toBe(memoFragment(bob, "code:c1").toString());
    expect(memoFragment(alice, "code:c1").length).toBe(2);
    expect(memoFragment(alice, "project").length).toBe(0);
  });

  it("remember who edited them last", () => {
    const doc = new Y.Doc();
    touchMemo(doc, "project", "alice", 10);
    touchMemo(doc, "project", "bob", 20);
    expect(memoEdits(doc).get("project")).toEqual({ by: "bob", at: 20 });
  });

  it("record one person's typing once, not once per key, until a while has passed", () => {
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on("update", (update: Uint8Array) => updates.push(update));
    for (let at = 0; at < 5_000; at += 100) touchMemo(doc, "project", "alice", at);
    expect(updates).toHaveLength(1);
    touchMemo(doc, "project", "alice", 30_000);
    expect(memoEdits(doc).get("project")).toEqual({ by: "alice", at: 30_000 });
  });

  it("draw links only to web and mail addresses", () => {
    const render = (href: string) => {
      const mark = memoSchema.marks.link?.create({ href });
      const spec = mark && memoSchema.marks.link?.spec.toDOM?.(mark, true);
      return JSON.stringify(spec);
    };
    expect(render("https://example.org")).toContain('"href":"https://example.org"');
    expect(render("javascript:alert(1)")).toBe('["span",0]');
    expect(render(" JAVASCRIPT:alert(1)")).toBe('["span",0]');
  });
});
