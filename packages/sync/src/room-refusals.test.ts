import { afterEach, describe, expect, it } from "vitest";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import { CloseCode } from "./close-codes";
import type { Access } from "./connection";
import { silentLogger } from "./logger";
import { createMemoryStorage } from "./memory-storage";
import { encodeAwareness, encodeSyncUpdate } from "./protocol";
import { RoomRegistry } from "./room-registry";
import type { DocumentStorage } from "./storage";
import { craftDeletion, craftUpdate, createSocketPair, settle } from "./testing";
import { createMemoryRefusalLog, type RefusalLog, type UpdatePolicy } from "./update-policy";

let registries: RoomRegistry[] = [];

function createRegistry(
  options: { storage?: DocumentStorage; policy?: UpdatePolicy; refusals?: RefusalLog } = {},
) {
  const registry = new RoomRegistry({
    storage: options.storage ?? createMemoryStorage(),
    logger: silentLogger,
    idleUnloadMs: 10,
    ...(options.policy ? { policyFor: () => options.policy ?? null } : {}),
    ...(options.refusals ? { refusals: options.refusals } : {}),
  });
  registries.push(registry);
  return registry;
}

afterEach(async () => {
  await Promise.all(registries.map((registry) => registry.close()));
  registries = [];
});

async function stored(storage: DocumentStorage, room: string): Promise<Y.Doc> {
  const { snapshot, updates } = await storage.load(room);
  const doc = new Y.Doc();
  for (const update of snapshot ? [snapshot, ...updates] : updates) Y.applyUpdate(doc, update);
  return doc;
}

/** A policy that refuses any change to the map `locked`. */
const lockedMapPolicy: UpdatePolicy = {
  review(_doc, changes) {
    const touches = [...changes.insertions, ...changes.deletions].some((c) => c.parent.name === "locked");
    return touches ? { accepted: false, reason: "locked is locked" } : { accepted: true };
  },
};

describe("a room refusing updates", () => {
  it("refuses a read-only client's edit at once, with a final close code, and stores nothing of it", async () => {
    const storage = createMemoryStorage();
    const registry = createRegistry({ storage });
    const observer = createSocketPair(registry, "r", { id: "observer", access: "read-only" });
    const coder = createSocketPair(registry, "r", { id: "coder" });
    await settle(registry, [observer, coder]);
    expect(observer.closedWith).toBeNull();
    observer.doc.getText("t").insert(0, "not allowed");
    coder.doc.getText("t").insert(0, "ok");
    await settle(registry, [observer, coder]);
    expect(observer.closedWith?.code).toBe(CloseCode.refused);
    expect(observer.closedWith?.reason).toMatch(/only read/);
    expect((await stored(storage, "r")).getText("t").toString()).toBe("ok");
    expect(coder.closedWith).toBeNull();
  });

  it("keeps a refused write refused after its writer may write, and lets the writer's fresh copy in", async () => {
    const storage = createMemoryStorage();
    const registry = createRegistry({ storage, refusals: createMemoryRefusalLog() });
    const stale = new Y.Doc();
    const observer = createSocketPair(registry, "r", { id: "p", access: "read-only", doc: stale });
    stale.getText("t").insert(0, "written while read-only");
    await settle(registry, [observer]);
    expect(observer.closedWith?.code).toBe(CloseCode.refused);
    // Now allowed to write, the same copy comes back with what was refused and something new.
    const again = createSocketPair(registry, "r", { id: "p", access: "read-write", doc: stale });
    stale.getText("t").insert(0, "later ");
    await settle(registry, [again]);
    expect(again.closedWith?.code).toBe(CloseCode.refused);
    expect((await stored(storage, "r")).getText("t").toString()).toBe("");
    // A copy taken afresh from the server writes.
    const fresh = createSocketPair(registry, "r", { id: "p", access: "read-write" });
    await settle(registry, [fresh]);
    fresh.doc.getText("t").insert(0, "fresh");
    await settle(registry, [fresh]);
    expect(fresh.closedWith).toBeNull();
    expect((await stored(storage, "r")).getText("t").toString()).toBe("fresh");
  });

  it("remembers a refusal across an unload through its refusal log", async () => {
    const storage = createMemoryStorage();
    const refusals = createMemoryRefusalLog();
    const registry = createRegistry({ storage, refusals });
    const stale = new Y.Doc();
    const first = createSocketPair(registry, "r", { id: "p", access: "read-only", doc: stale });
    stale.getText("t").insert(0, "refused");
    await settle(registry, [first]);
    await registry.close();
    const later = createRegistry({ storage, refusals });
    const again = createSocketPair(later, "r", { id: "p", doc: stale });
    await settle(later, [again]);
    expect(again.closedWith?.code).toBe(CloseCode.refused);
    expect((await stored(storage, "r")).getText("t").toString()).toBe("");
  });

  it("asks the policy and refuses the whole update, telling its sender why", async () => {
    const storage = createMemoryStorage();
    const registry = createRegistry({ storage, policy: lockedMapPolicy });
    const writer = createSocketPair(registry, "r", { id: "writer" });
    const colleague = createSocketPair(registry, "r", { id: "colleague" });
    await settle(registry, [writer, colleague]);
    writer.doc.transact(() => {
      writer.doc.getText("t").insert(0, "fine on its own");
      writer.doc.getMap("locked").set("k", 1);
    });
    colleague.doc.getText("t").insert(0, "still flowing");
    await settle(registry, [writer, colleague]);
    expect(writer.closedWith).toEqual({
      code: CloseCode.refused,
      reason: "update refused: locked is locked",
    });
    const doc = await stored(storage, "r");
    expect(doc.getText("t").toString()).toBe("still flowing");
    expect(doc.getMap("locked").size).toBe(0);
    expect(colleague.doc.getText("t").toString()).toBe("still flowing");
  });

  it("refuses a deletion the policy forbids and keeps refusing that deletion", async () => {
    const storage = createMemoryStorage();
    const registry = createRegistry({ storage, policy: lockedMapPolicy, refusals: createMemoryRefusalLog() });
    const room = registry.change("r", (doc) => doc.getMap("locked").set("k", "server's"));
    await room;
    const writer = createSocketPair(registry, "r", { id: "writer" });
    await settle(registry, [writer]);
    writer.doc.getMap("locked").delete("k");
    await settle(registry, [writer]);
    expect(writer.closedWith?.code).toBe(CloseCode.refused);
    expect((await stored(storage, "r")).getMap("locked").get("k")).toBe("server's");
  });

  it("refuses an update that passes Y.diffUpdate but would throw in Y.applyUpdate, and the room goes on", async () => {
    const storage = createMemoryStorage();
    const registry = createRegistry({ storage });
    const good = createSocketPair(registry, "r", { id: "good" });
    const attacker = createSocketPair(registry, "r", { id: "attacker" });
    await settle(registry, [good, attacker]);
    // An item whose left neighbour is a later clock of its own client: Yjs throws integrating it.
    const poison = craftUpdate({ client: 77, clock: 0, origin: [77, 5], text: "x" });
    expect(() => Y.applyUpdate(new Y.Doc(), poison)).toThrow();
    expect(() => Y.diffUpdate(poison, new Uint8Array([0]))).not.toThrow();
    attacker.sendRaw(encodeSyncUpdate(poison));
    await registry.settled();
    expect(attacker.closedWith?.code).toBe(CloseCode.refused);
    good.doc.getText("t").insert(0, "unharmed");
    await settle(registry, [good]);
    expect(good.closedWith).toBeNull();
    // Nothing of it was stored: the room loads again, whole.
    await registry.close();
    expect((await stored(storage, "r")).getText("t").toString()).toBe("unharmed");
  });

  it("refuses an insertion whose parent is not a shared type and a deletion of what does not exist yet", async () => {
    const registry = createRegistry();
    const owner = createSocketPair(registry, "r", { id: "owner" });
    owner.doc.getText("t").insert(0, "hello");
    await settle(registry, [owner]);
    const textItem = [owner.doc.clientID, 1] as const;
    const child = createSocketPair(registry, "r", { id: "a" });
    await settle(registry, [child]);
    child.sendRaw(encodeSyncUpdate(craftUpdate({ client: 91, clock: 0, parent: textItem, text: "x" })));
    await registry.settled();
    expect(child.closedWith?.code).toBe(CloseCode.refused);
    // Deleting clocks the owner has not written yet would delete them the moment they arrive.
    const ahead = createSocketPair(registry, "r", { id: "b" });
    await settle(registry, [ahead]);
    ahead.sendRaw(encodeSyncUpdate(craftDeletion(owner.doc.clientID, 5, 10)));
    await registry.settled();
    owner.doc.getText("t").insert(5, " world");
    await settle(registry, [owner]);
    const witness = createSocketPair(registry, "r", { id: "w" });
    await settle(registry, [witness]);
    expect(witness.doc.getText("t").toString()).toBe("hello world");
  });

  it("stores nothing for a step 2 that only repeats deletions the room has", async () => {
    const storage = createMemoryStorage();
    const registry = createRegistry({ storage });
    const a = createSocketPair(registry, "r", { id: "a" });
    a.doc.getText("t").insert(0, "hello");
    a.doc.getText("t").delete(0, 2);
    await settle(registry, [a]);
    const before = await storage.countUpdates("r");
    a.disconnect();
    const back = createSocketPair(registry, "r", { id: "a", doc: a.doc });
    await settle(registry, [back]);
    expect(await storage.countUpdates("r")).toBe(before);
  });
});

function presenceMessage(clientId: number, clock: number, state: unknown): Uint8Array {
  const awareness = new awarenessProtocol.Awareness(new Y.Doc());
  const meta = { clock, lastUpdated: 0 };
  awareness.states.set(clientId, state as Record<string, unknown>);
  awareness.meta.set(clientId, meta);
  const update = awarenessProtocol.encodeAwarenessUpdate(awareness, [clientId]);
  awareness.destroy();
  return encodeAwareness(update);
}

describe("a room guarding presence", () => {
  function room(access: Access = "read-write") {
    const registry = createRegistry();
    const alice = createSocketPair(registry, "r", { id: "alice", access });
    const bob = createSocketPair(registry, "r", { id: "bob" });
    return { registry, alice, bob };
  }

  it("relays a client's own presence, and ignores another connection speaking for it", async () => {
    const { registry, alice, bob } = room();
    alice.awareness.setLocalStateField("user", { id: "alice", name: "Alice" });
    await settle(registry, [alice, bob]);
    expect(bob.awareness.getStates().get(alice.doc.clientID)).toEqual({
      user: { id: "alice", name: "Alice" },
    });
    bob.sendRaw(presenceMessage(alice.doc.clientID, 99, { user: { name: "Mallory" } }));
    await settle(registry, [alice, bob]);
    expect(bob.awareness.getStates().get(alice.doc.clientID)).toEqual({
      user: { id: "alice", name: "Alice" },
    });
    expect(bob.closedWith).toBeNull();
  });

  it("closes a connection whose presence is too large, in someone else's name, or for a second client", async () => {
    const big = room();
    big.alice.sendRaw(presenceMessage(5, 1, { blob: "x".repeat(20_000) }));
    await settle(big.registry, [big.alice, big.bob]);
    expect(big.alice.closedWith?.code).toBe(CloseCode.tooLarge);
    expect(big.bob.awareness.getStates().has(5)).toBe(false);

    const spoof = room();
    spoof.alice.sendRaw(presenceMessage(6, 1, { user: { id: "bob", name: "Bob" } }));
    await settle(spoof.registry, [spoof.alice, spoof.bob]);
    expect(spoof.alice.closedWith?.code).toBe(CloseCode.badRequest);
    expect(spoof.bob.awareness.getStates().has(6)).toBe(false);

    const many = room();
    many.alice.sendRaw(presenceMessage(7, 1, { user: { id: "alice" } }));
    many.alice.sendRaw(presenceMessage(8, 1, { user: { id: "alice" } }));
    await settle(many.registry, [many.alice, many.bob]);
    expect(many.alice.closedWith?.code).toBe(CloseCode.badRequest);
    expect(many.bob.awareness.getStates().has(8)).toBe(false);
  });

  it("relays a read-only client's presence", async () => {
    const { registry, alice, bob } = room("read-only");
    alice.awareness.setLocalStateField("user", { name: "Olive" });
    await settle(registry, [alice, bob]);
    expect(bob.awareness.getStates().get(alice.doc.clientID)).toEqual({ user: { name: "Olive" } });
    expect(alice.closedWith).toBeNull();
  });
});

describe("a reconnection's presence", () => {
  it("takes over its client id from the same person's older connection the server still holds", async () => {
    const registry = createRegistry();
    const doc = new Y.Doc();
    const before = createSocketPair(registry, "r", { id: "alice", doc });
    const bob = createSocketPair(registry, "r", { id: "bob" });
    before.awareness.setLocalStateField("user", { id: "alice", name: "Alice" });
    await settle(registry, [before, bob]);
    // A new connection from the same copy while the old socket still looks open to the server.
    const after = createSocketPair(registry, "r", { id: "alice", doc });
    // (The test's second awareness of the same copy starts its clock again: move it past the first's.)
    after.awareness.setLocalState({});
    after.awareness.setLocalState({ user: { id: "alice", name: "Alice again" } });
    after.outbox.splice(1, 1);
    await settle(registry, [after, bob]);
    expect(bob.awareness.getStates().get(doc.clientID)).toEqual({
      user: { id: "alice", name: "Alice again" },
    });
    expect(after.closedWith).toBeNull();
  });
});

describe("updates that build on what never arrives", () => {
  it("wait, up to a limit, then close their sender; a colleague is not held up", async () => {
    const registry = createRegistry();
    const good = createSocketPair(registry, "r", { id: "good" });
    const stuck = createSocketPair(registry, "r", { id: "stuck" });
    await settle(registry, [good, stuck]);
    // Each names a left neighbour of a client the room has never heard of: nothing can ever fill it.
    for (let i = 0; i < 70 && !stuck.closedWith; i++) {
      stuck.sendRaw(
        encodeSyncUpdate(craftUpdate({ client: 5000 + i, clock: 0, origin: [99_999, 3], text: "x" })),
      );
      await registry.settled();
    }
    expect(stuck.closedWith?.code).toBe(CloseCode.refused);
    good.doc.getText("t").insert(0, "flowing");
    const witness = createSocketPair(registry, "r", { id: "witness" });
    await settle(registry, [good, witness]);
    expect(witness.doc.getText("t").toString()).toBe("flowing");
  });
});

describe("an echo of a departed client's presence", () => {
  it("is ignored, not taken for a claim in someone else's name", async () => {
    const registry = createRegistry();
    const leaving = createSocketPair(registry, "r", { id: "coder" });
    const echoing = createSocketPair(registry, "r", { id: "lead" });
    leaving.awareness.setLocalStateField("user", { id: "coder", name: "Coder" });
    echoing.awareness.setLocalStateField("user", { id: "lead", name: "Lead" });
    await settle(registry, [leaving, echoing]);
    const state = echoing.awareness.getStates().get(leaving.doc.clientID);
    const clock = echoing.awareness.meta.get(leaving.doc.clientID)?.clock ?? 0;
    leaving.disconnect();
    await registry.settled();
    // The lead's client sends the coder's last state back after the coder left.
    echoing.sendRaw(presenceMessage(leaving.doc.clientID, clock, state));
    await settle(registry, [echoing]);
    expect(echoing.closedWith).toBeNull();
  });
});
