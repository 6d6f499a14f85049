import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  type CodeNode,
  codeNamed,
  codeTree,
  createCode,
  effectiveCodeId,
  listCodes,
  MAX_CODE_DEPTH,
  mergeCode,
  moveCode,
  nestingFits,
  updateCode,
} from "./codebook";

function names(doc: Y.Doc) {
  const walk = (nodes: readonly CodeNode[]): unknown[] =>
    nodes.map((n) => (n.children.length ? [n.code.name, walk(n.children)] : n.code.name));
  return walk(codeTree(listCodes(doc)));
}

function sync(a: Y.Doc, b: Y.Doc) {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
}

describe("the codebook", () => {
  it("nests codes and keeps siblings in the order they were added", () => {
    const doc = new Y.Doc();
    const barriers = createCode(doc, { name: "Barriers" }, "u1");
    createCode(doc, { name: "Funding", parentId: barriers }, "u1");
    createCode(doc, { name: "Culture", parentId: barriers }, "u1");
    createCode(doc, { name: "Facilitators" }, "u1");
    expect(names(doc)).toEqual([["Barriers", ["Funding", "Culture"]], "Facilitators"]);
  });

  it("finds a code by its name, whatever its letter case and spaces, but not a merged one", () => {
    const doc = new Y.Doc();
    const barriers = createCode(doc, { name: "Barriers" }, "u");
    const old = createCode(doc, { name: "Old  name" }, "u");
    mergeCode(doc, old, barriers, "u");
    expect(codeNamed(listCodes(doc), " barriers ")?.id).toBe(barriers);
    expect(codeNamed(listCodes(doc), "old name")).toBeNull();
  });

  it("moves a code before a sibling or under another parent, but never under itself", () => {
    const doc = new Y.Doc();
    const a = createCode(doc, { name: "A" }, "u");
    const b = createCode(doc, { name: "B" }, "u");
    const c = createCode(doc, { name: "C", parentId: a }, "u");
    expect(moveCode(doc, b, null, a, "u")).toBe(true);
    expect(names(doc)).toEqual(["B", ["A", ["C"]]]);
    expect(moveCode(doc, a, c, null, "u")).toBe(false);
    expect(moveCode(doc, b, a, c, "u")).toBe(true);
    expect(names(doc)).toEqual([["A", ["B", "C"]]]);
  });

  it("gives a new code the palette's colour its live codes use least, so colours repeat only when they must", () => {
    const doc = new Y.Doc();
    const first = createCode(doc, { name: "First" }, "coder");
    createCode(doc, { name: "Second" }, "coder");
    // Archiving the first frees its colour for the next code.
    updateCode(doc, first, { archived: true }, "coder");
    const third = createCode(doc, { name: "Third" }, "coder");
    const colour = (id: string) => listCodes(doc).find((c) => c.id === id)?.color;
    expect(colour(third)).toBe(colour(first));
    for (let n = 0; n < 8; n++) createCode(doc, { name: `More ${n}` }, "coder");
    const live = listCodes(doc).filter((c) => !c.archived);
    expect(new Set(live.map((c) => c.color)).size).toBe(10);
  });

  it("says whether a code and what is inside it still fit within eight levels under a new parent", () => {
    const doc = new Y.Doc();
    let parent: string | null = null;
    const chain: string[] = [];
    for (let n = 0; n < MAX_CODE_DEPTH; n++) {
      parent = createCode(doc, { name: `Level ${n + 1}`, parentId: parent }, "coder");
      chain.push(parent);
    }
    const branch = createCode(doc, { name: "Branch" }, "coder");
    createCode(doc, { name: "Leaf", parentId: branch }, "coder");
    const codes = listCodes(doc);
    expect(nestingFits(codes, branch, chain[MAX_CODE_DEPTH - 3] as string)).toBe(true);
    expect(nestingFits(codes, branch, chain[MAX_CODE_DEPTH - 2] as string)).toBe(false);
    expect(nestingFits(codes, chain[0] as string, chain[3] as string)).toBe(false);
    expect(nestingFits(codes, branch, null)).toBe(true);
  });

  it("shows a chain of parents thousands long (written before the server refused it) as a tree eight deep, every code in it", () => {
    const doc = new Y.Doc();
    let parent: string | null = null;
    doc.transact(() => {
      for (let n = 0; n < 3000; n++)
        parent = createCode(doc, { name: `Code ${n}`, parentId: parent }, "coder");
    });
    const tree = codeTree(listCodes(doc));
    let depth = 0;
    let count = 0;
    const visit = (nodes: readonly CodeNode[], level: number) => {
      for (const node of nodes) {
        count++;
        depth = Math.max(depth, level);
        visit(node.children, level + 1);
      }
    };
    visit(tree, 1);
    expect(depth).toBe(MAX_CODE_DEPTH);
    expect(count).toBe(3000);
  });

  it("shows codes in a circle of parents (written before the server refused it) at the top, and moves them", () => {
    const doc = new Y.Doc();
    const x = createCode(doc, { name: "X" }, "u");
    const y = createCode(doc, { name: "Y", parentId: x }, "u");
    const z = createCode(doc, { name: "Z", parentId: x }, "u");
    const codes = doc.getMap("codes");
    (codes.get(x) as Y.Map<unknown>).set("parentId", y);
    expect(names(doc)).toEqual([["X", ["Z"]], "Y"]);
    // Outdenting a code under the circle ends, instead of walking round it for ever.
    expect(moveCode(doc, z, y, null, "u")).toBe(true);
    expect(moveCode(doc, z, null, null, "u")).toBe(true);
  });

  it("merges a code into another: the source leaves the tree and its codings count as the target's", () => {
    const doc = new Y.Doc();
    const lead = createCode(doc, { name: "Leadership" }, "u");
    const leaders = createCode(doc, { name: "Leaders" }, "u");
    const child = createCode(doc, { name: "Chief Officers", parentId: leaders }, "u");
    expect(mergeCode(doc, leaders, lead, "u")).toBe(true);
    expect(names(doc)).toEqual([["Leadership", ["Chief Officers"]]]);
    const codes = new Map(listCodes(doc).map((c) => [c.id, c]));
    expect(effectiveCodeId(codes, leaders)).toBe(lead);
    expect(effectiveCodeId(codes, child)).toBe(child);
  });

  it("records who changed a code and when, and hides archived codes unless asked", () => {
    const doc = new Y.Doc();
    const id = createCode(doc, { name: "Old" }, "alice");
    updateCode(doc, id, { name: "Renamed", color: "#123456", archived: true }, "bob");
    const [code] = listCodes(doc);
    expect(code).toMatchObject({ name: "Renamed", color: "#123456", updatedBy: "bob", createdBy: "alice" });
    expect(codeTree(listCodes(doc))).toEqual([]);
    expect(codeTree(listCodes(doc), { includeArchived: true })).toHaveLength(1);
  });

  it("reads a colour that is not #rrggbb as grey, so a bad client cannot smuggle CSS into highlights", () => {
    const doc = new Y.Doc();
    const id = createCode(doc, { name: "Tampered" }, "mallory");
    updateCode(doc, id, { color: "red; } body { display: none" }, "mallory");
    expect(listCodes(doc)[0]?.color).toBe("#888888");
  });

  it("reads fields of the wrong type (a bad client's) as their defaults", () => {
    const doc = new Y.Doc();
    const id = createCode(doc, { name: "Tampered" }, "mallory");
    const map = doc.getMap<Y.Map<unknown>>("codes").get(id) as Y.Map<unknown>;
    map.set("name", { toString: "x" });
    map.set("order", "first");
    map.set("archived", "yes");
    map.set("parentId", 42);
    expect(listCodes(doc)[0]).toMatchObject({ name: "(unnamed)", order: 0, archived: false, parentId: null });
  });

  it("converges when two people edit it at once, even with crossing merges", () => {
    const alice = new Y.Doc();
    const bob = new Y.Doc();
    const x = createCode(alice, { name: "X" }, "a");
    const y = createCode(alice, { name: "Y" }, "a");
    sync(alice, bob);
    mergeCode(alice, x, y, "a");
    mergeCode(bob, y, x, "b");
    createCode(bob, { name: "Z", parentId: x }, "b");
    updateCode(alice, y, { name: "Y2" }, "a");
    sync(alice, bob);
    expect(names(alice)).toEqual(names(bob));
    const codes = new Map(listCodes(alice).map((c) => [c.id, c]));
    // A cycle of merges stops rather than looping.
    expect([x, y]).toContain(effectiveCodeId(codes, x));
  });
});
