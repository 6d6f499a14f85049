import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { DocumentStorage } from "../storage";

/** Creates a fresh, empty storage for one test, and disposes of it afterwards. */
export interface StorageFixture {
  create(): Promise<DocumentStorage> | DocumentStorage;
  dispose?(storage: DocumentStorage): Promise<void> | void;
}

function textUpdate(doc: Y.Doc, text: string): Uint8Array {
  const before = Y.encodeStateVector(doc);
  doc.getText("t").insert(doc.getText("t").length, text);
  return Y.encodeStateAsUpdate(doc, before);
}

function textOf(stored: { snapshot: Uint8Array | null; updates: readonly Uint8Array[] }): string {
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const update of stored.updates) Y.applyUpdate(doc, update);
  return doc.getText("t").toString();
}

/**
 * The behaviour every {@link DocumentStorage} must have. Call it inside a test file with a fixture
 * that makes a fresh storage; it declares its own `describe` block.
 */
export function describeDocumentStorageContract(name: string, fixture: StorageFixture): void {
  describe(`${name} honours the document storage contract`, () => {
    let storage: DocumentStorage;
    beforeEach(async () => {
      storage = await fixture.create();
    });
    afterEach(async () => {
      await fixture.dispose?.(storage);
    });

    it("loads an empty document for a room never written", async () => {
      expect(await storage.load("never")).toEqual({ snapshot: null, updates: [], lastSeq: 0 });
      expect(await storage.countUpdates("never")).toBe(0);
    });

    it("returns appended updates in order with strictly increasing sequence numbers", async () => {
      const doc = new Y.Doc();
      const seqs = [];
      for (const word of ["a", "b", "c"]) seqs.push(await storage.append("r", textUpdate(doc, word)));
      expect(seqs[1]).toBeGreaterThan(seqs[0] as number);
      expect(seqs[2]).toBeGreaterThan(seqs[1] as number);
      const stored = await storage.load("r");
      expect(stored.updates).toHaveLength(3);
      expect(stored.lastSeq).toBe(seqs[2]);
      expect(textOf(stored)).toBe("abc");
    });

    it("keeps rooms apart", async () => {
      await storage.append("one", textUpdate(new Y.Doc(), "1"));
      await storage.append("two", textUpdate(new Y.Doc(), "2"));
      expect(textOf(await storage.load("one"))).toBe("1");
      expect(textOf(await storage.load("two"))).toBe("2");
    });

    it("stores a copy, so changing the caller's buffer changes nothing stored", async () => {
      const update = textUpdate(new Y.Doc(), "x");
      await storage.append("r", update);
      update.fill(0);
      expect(textOf(await storage.load("r"))).toBe("x");
    });

    it("replaces updates up to the compaction point by the snapshot", async () => {
      const doc = new Y.Doc();
      await storage.append("r", textUpdate(doc, "a"));
      const through = await storage.append("r", textUpdate(doc, "b"));
      await storage.compact("r", Y.encodeStateAsUpdate(doc), through);
      const stored = await storage.load("r");
      expect(stored.updates).toHaveLength(0);
      expect(stored.lastSeq).toBe(through);
      expect(await storage.countUpdates("r")).toBe(0);
      expect(textOf(stored)).toBe("ab");
    });

    it("keeps updates appended after the compaction point, even while compacting", async () => {
      const doc = new Y.Doc();
      const through = await storage.append("r", textUpdate(doc, "a"));
      const snapshot = Y.encodeStateAsUpdate(doc);
      const late = [textUpdate(doc, "b"), textUpdate(doc, "c")];
      await Promise.all([
        storage.compact("r", snapshot, through),
        ...late.map((update) => storage.append("r", update)),
      ]);
      const stored = await storage.load("r");
      expect(stored.updates).toHaveLength(2);
      expect(textOf(stored)).toBe("abc");
    });

    it("keeps sequence numbers increasing after compaction", async () => {
      const doc = new Y.Doc();
      const first = await storage.append("r", textUpdate(doc, "a"));
      await storage.compact("r", Y.encodeStateAsUpdate(doc), first);
      const second = await storage.append("r", textUpdate(doc, "b"));
      expect(second).toBeGreaterThan(first);
      expect(textOf(await storage.load("r"))).toBe("ab");
    });

    it("stores thousands of updates without losing one", async () => {
      const doc = new Y.Doc();
      await Promise.all(
        Array.from({ length: 2000 }, (_, i) => storage.append("r", textUpdate(doc, String(i % 10)))),
      );
      const stored = await storage.load("r");
      expect(stored.updates).toHaveLength(2000);
      expect(textOf(stored)).toBe(doc.getText("t").toString());
    });
  });
}
