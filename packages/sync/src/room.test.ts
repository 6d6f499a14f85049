import * as prng from "lib0/prng";
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { CloseCode } from "./close-codes";
import type { Access } from "./connection";
import { silentLogger } from "./logger";
import { createMemoryStorage } from "./memory-storage";
import { encodeSyncUpdate } from "./protocol";
import { RoomRegistry } from "./room-registry";
import type { DocumentStorage } from "./storage";
import { createSocketPair, settle, type TestClient } from "./testing";

let registries: RoomRegistry[] = [];

function createRegistry(storage: DocumentStorage = createMemoryStorage(), compactEvery = 500) {
  const registry = new RoomRegistry({ storage, logger: silentLogger, compactEvery, idleUnloadMs: 10 });
  registries.push(registry);
  return registry;
}

afterEach(async () => {
  await Promise.all(registries.map((registry) => registry.close()));
  registries = [];
});

function textOf(client: TestClient): string {
  return client.doc.getText("t").toString();
}

async function storedText(storage: DocumentStorage, room: string): Promise<string> {
  const stored = await storage.load(room);
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const update of stored.updates) Y.applyUpdate(doc, update);
  return doc.getText("t").toString();
}

describe("a room", () => {
  it("brings two clients' concurrent edits to the same state", async () => {
    const registry = createRegistry();
    const alice = createSocketPair(registry, "r", { id: "alice" });
    const bob = createSocketPair(registry, "r", { id: "bob" });
    alice.doc.getText("t").insert(0, "hello");
    bob.doc.getText("t").insert(0, "world");
    await settle(registry, [alice, bob]);
    expect(textOf(alice)).toBe(textOf(bob));
    expect(textOf(alice)).toHaveLength(10);
  });

  it("gives each newcomer with an empty copy the document as it is when they join", async () => {
    const registry = createRegistry();
    const alice = createSocketPair(registry, "r", { id: "alice" });
    alice.doc.getText("t").insert(0, "first");
    await settle(registry, [alice]);
    const bob = createSocketPair(registry, "r", { id: "bob" });
    const carol = createSocketPair(registry, "r", { id: "carol" });
    await settle(registry, [alice, bob, carol]);
    expect([textOf(bob), textOf(carol)]).toEqual(["first", "first"]);
    alice.doc.getText("t").insert(5, " and second");
    await settle(registry, [alice, bob, carol]);
    const dave = createSocketPair(registry, "r", { id: "dave" });
    await settle(registry, [alice, dave]);
    expect(textOf(dave)).toBe("first and second");
  });

  it("gives a client that joins later the whole document", async () => {
    const registry = createRegistry();
    const alice = createSocketPair(registry, "r", { id: "alice" });
    alice.doc.getMap("m").set("k", "v");
    alice.doc.getText("t").insert(0, "abc");
    await settle(registry, [alice]);
    const carol = createSocketPair(registry, "r", { id: "carol" });
    await settle(registry, [alice, carol]);
    expect(carol.doc.getMap("m").get("k")).toBe("v");
    expect(textOf(carol)).toBe("abc");
  });

  it("stores every update before anyone else receives it", async () => {
    const storage = createMemoryStorage();
    const registry = createRegistry(storage);
    const alice = createSocketPair(registry, "r", { id: "alice" });
    const bob = createSocketPair(registry, "r", { id: "bob" });
    await settle(registry, [alice, bob]);
    alice.doc.getText("t").insert(0, "x");
    alice.sendOne();
    // The update is queued for storage; nothing may reach bob before the append resolves.
    expect(bob.inbox).toHaveLength(0);
    await registry.settled();
    expect(bob.inbox).toHaveLength(1);
    expect(await storedText(storage, "r")).toBe("x");
  });

  it("shares presence, echoes it to its sender and removes it when the client leaves", async () => {
    const registry = createRegistry();
    const alice = createSocketPair(registry, "r", { id: "alice" });
    const bob = createSocketPair(registry, "r", { id: "bob" });
    await settle(registry, [alice, bob]);
    alice.awareness.setLocalStateField("user", { name: "Alice" });
    alice.sendOne();
    expect(alice.inbox.length).toBeGreaterThan(0);
    await settle(registry, [alice, bob]);
    expect(bob.awareness.getStates().get(alice.doc.clientID)).toEqual({ user: { name: "Alice" } });
    alice.disconnect();
    await settle(registry, [bob]);
    expect(bob.awareness.getStates().has(alice.doc.clientID)).toBe(false);
  });

  it("closes only the sender of a malformed message and keeps serving the others", async () => {
    const registry = createRegistry();
    const good = createSocketPair(registry, "r", { id: "good" });
    const bad = createSocketPair(registry, "r", { id: "bad" });
    await settle(registry, [good, bad]);
    bad.sendRaw(Uint8Array.of(0, 2, 5, 1, 2));
    await registry.settled();
    expect(bad.closedWith?.code).toBe(CloseCode.badRequest);
    good.doc.getText("t").insert(0, "still here");
    const witness = createSocketPair(registry, "r", { id: "witness" });
    await settle(registry, [good, witness]);
    expect(textOf(witness)).toBe("still here");
    expect(good.closedWith).toBeNull();
  });

  it("closes a client that sends an unknown message type", async () => {
    const registry = createRegistry();
    const client = createSocketPair(registry, "r", { id: "c" });
    await settle(registry, [client]);
    client.sendRaw(Uint8Array.of(9));
    expect(client.closedWith?.code).toBe(CloseCode.badRequest);
  });

  it("closes every client with a retryable code when storage fails, and broadcasts nothing", async () => {
    const storage = createMemoryStorage();
    const failing: DocumentStorage = {
      ...storage,
      append: () => Promise.reject(new Error("disk full")),
    };
    const registry = createRegistry(failing);
    const alice = createSocketPair(registry, "r", { id: "alice" });
    const bob = createSocketPair(registry, "r", { id: "bob" });
    await settle(registry, [alice, bob]);
    alice.doc.getText("t").insert(0, "x");
    alice.sendOne();
    await registry.settled();
    expect(alice.closedWith?.code).toBe(CloseCode.internalError);
    expect(bob.closedWith?.code).toBe(CloseCode.internalError);
    expect(bob.inbox).toHaveLength(0);
  });

  it("folds its log into a snapshot and loads the same state from it", async () => {
    const storage = createMemoryStorage();
    const registry = createRegistry(storage, 10);
    const alice = createSocketPair(registry, "r", { id: "alice" });
    for (let i = 0; i < 35; i++) {
      alice.doc.getText("t").insert(0, String(i % 10));
      await settle(registry, [alice]);
    }
    await Promise.all(registry.loadedRooms().map((room) => room.compact()));
    expect(await storage.countUpdates("r")).toBeLessThan(10);
    expect(await storedText(storage, "r")).toBe(textOf(alice));
  });

  it("stores nothing for an update the room already has", async () => {
    const storage = createMemoryStorage();
    const registry = createRegistry(storage);
    const alice = createSocketPair(registry, "r", { id: "alice" });
    alice.doc.getText("t").insert(0, "once");
    await settle(registry, [alice]);
    const update = Y.encodeStateAsUpdate(alice.doc);
    alice.sendRaw(encodeSyncUpdate(update));
    alice.sendRaw(encodeSyncUpdate(update));
    await registry.settled();
    expect(await storage.countUpdates("r")).toBe(1);
  });

  it("unloads when idle and serves the same document when a client comes back", async () => {
    const storage = createMemoryStorage();
    const registry = createRegistry(storage);
    const alice = createSocketPair(registry, "r", { id: "alice" });
    alice.doc.getText("t").insert(0, "kept");
    await settle(registry, [alice]);
    alice.disconnect();
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(registry.loadedRoom("r")).toBeUndefined();
    const bob = createSocketPair(registry, "r", { id: "bob" });
    await settle(registry, [bob]);
    expect(textOf(bob)).toBe("kept");
  });
});

describe("a change made by the server", () => {
  it("loads a room nobody has open, stores the change, sends it to whoever is there and unloads when idle", async () => {
    const storage = createMemoryStorage();
    const registry = createRegistry(storage);
    const result = await registry.change("r", (doc) => {
      doc.getText("t").insert(0, "from the server");
      return 42;
    });
    expect(result).toBe(42);
    expect(await storedText(storage, "r")).toBe("from the server");
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(registry.loadedRoom("r")).toBeUndefined();

    const alice = createSocketPair(registry, "r", { id: "alice" });
    await settle(registry, [alice]);
    await registry.change("r", (doc) => doc.getText("t").insert(0, "and again, "));
    await settle(registry, [alice]);
    expect(textOf(alice)).toBe("and again, from the server");
  });

  it("stores nothing when the change refuses, and passes its error on", async () => {
    const storage = createMemoryStorage();
    const registry = createRegistry(storage);
    await expect(
      registry.change("r", (doc) => {
        doc.getText("t").insert(0, "half done");
        throw new Error("refused");
      }),
    ).rejects.toThrow("refused");
    expect((await storage.load("r")).updates).toEqual([]);
  });
});

describe("a room under seeded random delivery", () => {
  async function runSeed(seed: number) {
    const random = prng.create(seed);
    const storage = createMemoryStorage();
    const registry = createRegistry(storage, 25);
    let clients: TestClient[] = [];
    let nextId = 0;
    // The person behind each copy: a copy that comes back is the same person's.
    const personOf = new Map<Y.Doc, string>();
    const join = (doc?: Y.Doc) => {
      const id = (doc && personOf.get(doc)) ?? `c${nextId++}`;
      const client = createSocketPair(registry, "r", { id, ...(doc ? { doc } : {}) });
      personOf.set(client.doc, id);
      clients.push(client);
      return client;
    };
    for (let i = 0; i < 7; i++) join();
    for (let step = 0; step < 300; step++) {
      const client = prng.oneOf(random, clients);
      const action = prng.int32(random, 0, 9);
      if (action <= 5) {
        const text = client.doc.getText("t");
        if (prng.bool(random) || text.length === 0) {
          text.insert(prng.int32(random, 0, text.length), prng.word(random, 1, 4));
        } else {
          const at = prng.int32(random, 0, text.length - 1);
          text.delete(at, Math.min(prng.int32(random, 1, 3), text.length - at));
        }
      } else if (action === 6) {
        client.doc.getMap("m").set(prng.word(random, 1, 2), prng.int32(random, 0, 100));
      } else if (action === 7) {
        const fragment = client.doc.getXmlFragment("x");
        const element = new Y.XmlElement("turn");
        element.setAttribute("speaker", prng.word(random, 2, 5));
        element.insert(0, [new Y.XmlText(prng.word(random, 1, 6))]);
        fragment.insert(prng.int32(random, 0, fragment.length), [element]);
      } else if (action === 8) {
        // A client drops and comes back with the same document, as after a network blip.
        client.disconnect();
        clients = clients.filter((c) => c !== client);
        join(client.doc);
      } else {
        for (let i = prng.int32(random, 1, 20); i > 0; i--) {
          const busy = prng.oneOf(random, clients);
          if (prng.bool(random)) busy.sendOne();
          else busy.receiveOne();
        }
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    await settle(registry, clients, random);
    const late = join();
    await settle(registry, clients, random);
    const expected = Y.encodeStateVector(late.doc);
    for (const client of clients) {
      expect(Y.encodeStateVector(client.doc)).toEqual(expected);
      expect(client.doc.getText("t").toString()).toBe(late.doc.getText("t").toString());
      expect(client.doc.getXmlFragment("x").toString()).toBe(late.doc.getXmlFragment("x").toString());
      expect(client.doc.getMap("m").toJSON()).toEqual(late.doc.getMap("m").toJSON());
    }
    expect(await storedText(storage, "r")).toBe(late.doc.getText("t").toString());
  }

  for (const seed of [1, 2, 3, 42, 1337, 2024, 90210, 31337]) {
    it(`converges for seed ${seed}`, () => runSeed(seed));
  }
});

describe("the message handler under fuzzing", () => {
  it("survives random and truncated bytes without disturbing a well-behaved client", async () => {
    const random = prng.create(7);
    const registry = createRegistry();
    const good = createSocketPair(registry, "r", { id: "good" });
    const witness = createSocketPair(registry, "r", { id: "witness" });
    await settle(registry, [good, witness]);
    const sample = new Y.Doc();
    sample.getText("t").insert(0, "a realistic update to truncate");
    const real = encodeSyncUpdate(Y.encodeStateAsUpdate(sample));
    for (let i = 0; i < 500; i++) {
      const fuzzer = createSocketPair(registry, "r", { id: `fuzz${i}` });
      const bytes =
        i % 2 === 0
          ? prng.uint8Array(random, prng.int32(random, 0, 64))
          : real.slice(0, prng.int32(random, 0, real.length - 1));
      fuzzer.sendRaw(bytes);
      await registry.settled();
      fuzzer.disconnect();
      good.doc.getText("t").insert(0, "g");
      await settle(registry, [good, witness]);
    }
    expect(good.closedWith).toBeNull();
    expect(witness.closedWith).toBeNull();
    expect(witness.doc.getText("t").toString()).toBe("g".repeat(500));
  });
});

describe("a room re-deciding access", () => {
  it("closes connections that lost access and stops writes from those downgraded", async () => {
    const storage = createMemoryStorage();
    const registry = createRegistry(storage);
    const kept = createSocketPair(registry, "r", { id: "kept" });
    const downgraded = createSocketPair(registry, "r", { id: "downgraded" });
    const removed = createSocketPair(registry, "r", { id: "removed" });
    await settle(registry, [kept, downgraded, removed]);
    const room = registry.loadedRoom("r");
    const decisions = new Map<string, Access>([
      ["kept", "read-write"],
      ["downgraded", "read-only"],
    ]);
    room?.reauthorize((connection) => decisions.get(connection.id) ?? null, CloseCode.forbidden);
    expect(removed.closedWith?.code).toBe(CloseCode.forbidden);
    downgraded.doc.getText("t").insert(0, "blocked");
    kept.doc.getText("t").insert(0, "ok");
    await settle(registry, [kept, downgraded]);
    expect(await storedText(storage, "r")).toBe("ok");
    expect(kept.closedWith).toBeNull();
    // Told at once, so its client does not go on believing its edits reach anyone.
    expect(downgraded.closedWith?.code).toBe(CloseCode.refused);
  });
});
