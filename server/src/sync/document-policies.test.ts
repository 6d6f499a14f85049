import { applyCode, removeCoding } from "@concord/anchoring";
import {
  codingOf,
  createCode,
  forEachCoding,
  listCodes,
  transcriptCodings,
  transcriptContent,
} from "@concord/schema";
import { CloseCode, encodeAwareness, encodeSyncUpdate } from "@concord/sync";
import { craftStructs, craftUpdate } from "@concord/sync/testing";
import * as encoding from "lib0/encoding";
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  connectStockClient,
  eventually,
  type Person,
  type StockClient,
  startTeam,
  startTestServer,
  storedDoc,
  type TestServer,
} from "../testing";

let server: TestServer | null = null;
let clients: StockClient[] = [];

afterEach(async () => {
  for (const client of clients) client.destroy();
  clients = [];
  await server?.dispose();
  server = null;
});

async function team(dataDir?: string) {
  const started = await startTeam(dataDir);
  server = started.server;
  return {
    ...started,
    join: async (person: Person, room?: string, doc?: Y.Doc) => {
      const client = await started.join(person, room, doc, server as TestServer);
      clients.push(client);
      return client;
    },
  };
}

/** Resolves with the close code once the server closes `client`. */
function closed(client: StockClient): Promise<number> {
  return new Promise((resolve) =>
    client.provider.on("closed", (event: { code: number }) => resolve(event.code)),
  );
}

/** The witness still receives a colleague's new coding after an attack. */
async function stillWorks(colleague: StockClient, witness: StockClient, colleagueId: string): Promise<void> {
  const id = applyCode(colleague.doc, colleague.doc, { start: 0, end: 3 }, "still", colleagueId);
  await eventually(() => expect(codingOf(witness.doc, id)?.codeId).toBe("still"));
}

function turnText(doc: Y.Doc, turn: number): string {
  const paragraph = (transcriptContent(doc).get(turn) as Y.XmlElement).get(0) as Y.XmlElement;
  return (paragraph.get(0) as Y.XmlText).toString();
}

describe("a coder attacking a transcript with the stock client", () => {
  it("cannot rewrite the text or a speaker, credit a coding to the owner, or delete a colleague's coding", async () => {
    const t = await team();
    const owner = await t.join("owner");
    const colleague = await t.join("colleague");
    const theirs = applyCode(colleague.doc, colleague.doc, { start: 0, end: 6 }, "barriers", t.ids.colleague);
    await eventually(() => expect(codingOf(owner.doc, theirs)).not.toBeNull());
    const attacks: [string, (doc: Y.Doc) => void][] = [
      [
        "rewrite the text",
        (doc) =>
          (
            ((transcriptContent(doc).get(1) as Y.XmlElement).get(0) as Y.XmlElement).get(0) as Y.XmlText
          ).insert(0, "Not "),
      ],
      [
        "change a speaker",
        (doc) => (transcriptContent(doc).get(1) as Y.XmlElement).setAttribute("speaker", "Someone"),
      ],
      ["code as the owner", (doc) => applyCode(doc, doc, { start: 0, end: 5 }, "barriers", t.ids.owner)],
      ["delete a colleague's coding", (doc) => removeCoding(doc, theirs)],
      ["write an unknown part", (doc) => doc.getMap("backdoor").set("k", "v")],
      ["write garbage as a coding", (doc) => transcriptCodings(doc).set("garbage", "{not json")],
    ];
    for (const [attack, edit] of attacks) {
      const attacker = await t.join("coder");
      const shut = closed(attacker);
      edit(attacker.doc);
      expect(await shut, attack).toBe(CloseCode.refused);
      attacker.destroy();
      await stillWorks(colleague, owner, t.ids.colleague);
    }
    await server?.registry.settled();
    await server?.close();
    // Checked after a restart: the stored document holds none of it.
    const stored = await storedDoc(t.dataDir, t.transcriptRoom);
    expect(turnText(stored, 1)).toBe("As sharing power with people who use services.");
    expect((transcriptContent(stored).get(1) as Y.XmlElement).getAttribute("speaker")).toBe("Chief Officer");
    expect(codingOf(stored, theirs)?.coderId).toBe(t.ids.colleague);
    expect(stored.share.has("backdoor")).toBe(false);
    expect(transcriptCodings(stored).has("garbage")).toBe(false);
    const coders = new Set<string>();
    forEachCoding(stored, (coding) => coders.add(coding.coderId));
    expect([...coders]).toEqual([t.ids.colleague]);
  });

  it("cannot poison the room with an update that does not apply: the room stays open and loads again", async () => {
    const t = await team();
    const colleague = await t.join("colleague");
    const witness = await t.join("observer");
    const attacker = await t.join("coder");
    const shut = closed(attacker);
    const poison = craftUpdate({ client: 4242, clock: 0, origin: [4242, 9], text: "x" });
    (attacker.provider.ws as unknown as { send(bytes: Uint8Array): void }).send(encodeSyncUpdate(poison));
    expect(await shut).toBe(CloseCode.refused);
    await stillWorks(colleague, witness, t.ids.colleague);
    await server?.close();
    server = await startTestServer({ dataDir: t.dataDir });
    const reloaded = await t.join("colleague");
    expect(turnText(reloaded.doc, 0)).toBe("How do you understand co-production?");
    const stored = await storedDoc(t.dataDir, t.transcriptRoom);
    expect(turnText(stored, 0)).toBe("How do you understand co-production?");
    expect(stored.store.clients.has(4242)).toBe(false);
  });

  it("lets owners remove anyone's coding, records who removed whose, and tells the coder", async () => {
    const t = await team();
    const coder = await t.join("coder");
    const owner = await t.join("owner");
    const id = applyCode(coder.doc, coder.doc, { start: 7, end: 15 }, "power", t.ids.coder);
    await eventually(() => expect(codingOf(owner.doc, id)).not.toBeNull());
    removeCoding(owner.doc, id);
    await eventually(() => expect(codingOf(coder.doc, id)).toBeNull());
    const services = (server as TestServer).services;
    const removals = services.codingRemovals.list(t.project.id, t.transcript.id);
    expect(removals).toMatchObject([
      { codingId: id, coderId: t.ids.coder, removedBy: t.ids.owner, removedByName: "owner", codeId: "power" },
    ]);
    const listed = await fetch(
      `${server?.url}/api/projects/${t.project.id}/transcripts/${t.transcript.id}/coding-removals`,
      {
        headers: { authorization: `Bearer ${t.tokens.coder}` },
      },
    ).then((r) => r.json());
    expect(listed).toMatchObject({
      removals: [{ codingId: id, coderId: t.ids.coder, removedByName: "owner" }],
    });
    const inbox = services.notifications.list(t.ids.coder);
    expect(inbox.unread).toBe(1);
    expect(inbox.notifications[0]).toMatchObject({
      kind: "coding-removed",
      actorId: t.ids.owner,
      threadId: id,
    });
    // A coder's own removal is theirs to make and records nothing.
    const mine = applyCode(coder.doc, coder.doc, { start: 0, end: 3 }, "power", t.ids.coder);
    await eventually(() => expect(codingOf(owner.doc, mine)).not.toBeNull());
    removeCoding(coder.doc, mine);
    await eventually(() => expect(codingOf(owner.doc, mine)).toBeNull());
    expect(services.codingRemovals.list(t.project.id, t.transcript.id)).toHaveLength(1);
    expect(coder.closeCodes).toEqual([]);
  });
});

describe("a coder writing under a colleague's client id", () => {
  /** A coding of the attacker's own, as JSON text, for the crafted structs. */
  const ownCoding = (colleague: StockClient, coderId: string) => {
    const [any] = [...transcriptCodings(colleague.doc).values()] as string[];
    return JSON.stringify({ ...JSON.parse(any as string), coderId, codeId: "mine" });
  };

  /** A colleague who has coded once (seen by a witness), an attacker, and the colleague's next clock. */
  const colleagueWhoHasCoded = async () => {
    const t = await team();
    const colleague = await t.join("colleague");
    const witness = await t.join("observer");
    const attacker = await t.join("coder");
    const first = applyCode(colleague.doc, colleague.doc, { start: 0, end: 3 }, "one", t.ids.colleague);
    await eventually(() => expect(codingOf(witness.doc, first)).not.toBeNull());
    return {
      t,
      colleague,
      witness,
      attacker,
      C: colleague.doc.clientID,
      n: Y.getState(colleague.doc.store, colleague.doc.clientID),
    };
  };

  it("cannot write first under the client id a colleague has only shown in presence", async () => {
    const t = await team();
    const colleague = await t.join("colleague");
    const witness = await t.join("observer");
    const attacker = await t.join("coder");
    const C = colleague.doc.clientID;
    colleague.provider.awareness.setLocalState({ user: { id: t.ids.colleague, name: "colleague" } });
    await eventually(() => expect(attacker.provider.awareness.getStates().has(C)).toBe(true));
    const squatter = new Y.Doc();
    squatter.clientID = C;
    Y.applyUpdate(squatter, Y.encodeStateAsUpdate(attacker.doc));
    const before = Y.encodeStateVector(squatter);
    applyCode(squatter, squatter, { start: 0, end: 3 }, "squat", t.ids.coder);
    const shut = closed(attacker);
    (attacker.provider.ws as unknown as { send(bytes: Uint8Array): void }).send(
      encodeSyncUpdate(Y.encodeStateAsUpdate(squatter, before)),
    );
    expect(await shut).toBe(CloseCode.refused);
    const mine = applyCode(colleague.doc, colleague.doc, { start: 4, end: 8 }, "mine", t.ids.colleague);
    await eventually(() => expect(codingOf(witness.doc, mine)?.codeId).toBe("mine"));
  });

  it("cannot take the colleague's next clock, which would drop their next coding as already known", async () => {
    const { t, colleague, witness, attacker, C, n } = await colleagueWhoHasCoded();
    const shut = closed(attacker);
    const squat = craftStructs([
      { client: C, clock: n, root: "codings", key: "squat", value: ownCoding(colleague, t.ids.coder) },
    ]);
    (attacker.provider.ws as unknown as { send(bytes: Uint8Array): void }).send(encodeSyncUpdate(squat));
    expect(await shut).toBe(CloseCode.refused);
    const second = applyCode(colleague.doc, colleague.doc, { start: 4, end: 8 }, "two", t.ids.colleague);
    await eventually(() => expect(codingOf(witness.doc, second)?.codeId).toBe("two"));
    expect(transcriptCodings(witness.doc).has("squat")).toBe(false);
  });

  it("cannot park a circle of structs that would land later beside the colleague's next coding", async () => {
    const { t, colleague, witness, attacker, C, n } = await colleagueWhoHasCoded();
    const mine = ownCoding(colleague, t.ids.coder);
    // A0 sits after C_n, C_n after A1, A1 after A0 (clock order): never integrable as sent.
    const circle = craftStructs([
      { client: 77777, clock: 0, origin: [C, n], value: mine },
      { client: 77777, clock: 1, root: "codings", key: "parked", value: mine },
      { client: C, clock: n, origin: [77777, 1], value: mine },
    ]);
    const shut = closed(attacker);
    (attacker.provider.ws as unknown as { send(bytes: Uint8Array): void }).send(encodeSyncUpdate(circle));
    expect(await shut).toBe(CloseCode.refused);
    const second = applyCode(colleague.doc, colleague.doc, { start: 4, end: 8 }, "two", t.ids.colleague);
    await eventually(() => expect(codingOf(witness.doc, second)?.codeId).toBe("two"));
    await server?.close();
    const stored = await storedDoc(t.dataDir, t.transcriptRoom);
    expect(stored.store.pendingStructs).toBeNull();
    expect(codingOf(stored, second)).toMatchObject({ codeId: "two", coderId: t.ids.colleague });
  });
});

describe("a refused write", () => {
  it("stays refused once its writer may write: an observer promoted, a codebook unlocked", async () => {
    const t = await team();
    const { services } = server as TestServer;
    const witness = await t.join("owner", t.projectRoom);
    // The same copy connecting again, through a new connection that could write.
    const againWith = (userId: string, room: string, doc: Y.Doc) => {
      const token = services.tokens.create(userId, "again", Date.now() + 60_000).token;
      const client = connectStockClient(server?.wsUrl ?? "", room, { params: { token }, doc });
      clients.push(client);
      return client;
    };

    const observerCopy = new Y.Doc();
    const observer = await t.join("observer", t.transcriptRoom, observerCopy);
    const shut = closed(observer);
    applyCode(observerCopy, observerCopy, { start: 0, end: 3 }, "sneaky", t.ids.observer);
    expect(await shut).toBe(CloseCode.refused);
    observer.destroy();
    services.projects.setRole(t.project.id, t.ids.observer, "coder");
    services.liveAccess.refreshProject(t.project.id);
    expect(await closed(againWith(t.ids.observer, t.transcriptRoom, observerCopy))).toBe(CloseCode.refused);

    services.projects.update(t.project.id, { codebookLocked: true });
    services.liveAccess.refreshProject(t.project.id);
    const coderCopy = new Y.Doc();
    const coder = await t.join("coder", t.projectRoom, coderCopy);
    const locked = closed(coder);
    createCode(coderCopy, { name: "Written while locked" }, t.ids.coder);
    expect(await locked).toBe(CloseCode.refused);
    coder.destroy();
    services.projects.update(t.project.id, { codebookLocked: false });
    services.liveAccess.refreshProject(t.project.id);
    expect(await closed(againWith(t.ids.coder, t.projectRoom, coderCopy))).toBe(CloseCode.refused);

    // A fresh copy writes, and the witness sees only that.
    const fresh = await t.join("coder", t.projectRoom);
    createCode(fresh.doc, { name: "Written after unlocking" }, t.ids.coder);
    await eventually(() =>
      expect(listCodes(witness.doc).map((c) => c.name)).toEqual(["Written after unlocking"]),
    );
    await server?.close();
    server = await startTestServer({ dataDir: t.dataDir });
    expect(listCodes(await storedDoc(t.dataDir, t.projectRoom)).map((c) => c.name)).toEqual([
      "Written after unlocking",
    ]);
    const transcript = await storedDoc(t.dataDir, t.transcriptRoom);
    expect(transcriptCodings(transcript).size).toBe(0);
  });
});

describe("a write refused once", () => {
  it("leaves its writer free to make an allowed change of the same thing from another copy", async () => {
    const t = await team();
    const first = await t.join("owner");
    const shut = closed(first);
    (transcriptContent(first.doc).get(0) as Y.XmlElement).setAttribute("speaker", 42 as unknown as string);
    expect(await shut).toBe(CloseCode.refused);
    const again = await t.join("owner");
    const witness = await t.join("observer");
    (transcriptContent(again.doc).get(0) as Y.XmlElement).setAttribute("speaker", "Lead interviewer");
    await eventually(() =>
      expect((transcriptContent(witness.doc).get(0) as Y.XmlElement).getAttribute("speaker")).toBe(
        "Lead interviewer",
      ),
    );
    expect(again.provider.wsconnected).toBe(true);
  });
});

describe("a coder attacking the codebook with the stock client", () => {
  it("cannot empty a colleague's code by writing nothing over its fields, or put codes in a circle", async () => {
    const t = await team();
    const colleague = await t.join("colleague", t.projectRoom);
    const witness = await t.join("owner", t.projectRoom);
    const attacker = await t.join("coder", t.projectRoom);
    const theirs = createCode(colleague.doc, { name: "Sustaining" }, t.ids.colleague);
    await eventually(() => expect(listCodes(attacker.doc).map((c) => c.name)).toEqual(["Sustaining"]));
    const fields = attacker.doc.getMap("codes").get(theirs) as Y.Map<unknown>;
    const current = (fields as unknown as { _map: Map<string, Y.Item> })._map.get("name") as Y.Item;
    const emptied = craftStructs([
      {
        client: attacker.doc.clientID,
        clock: Y.getState(attacker.doc.store, attacker.doc.clientID),
        origin: [current.id.client, current.id.clock],
      },
    ]);
    const shut = closed(attacker);
    (attacker.provider.ws as unknown as { send(bytes: Uint8Array): void }).send(encodeSyncUpdate(emptied));
    expect(await shut).toBe(CloseCode.refused);

    // Through the codebook's own calls, a circle: the first move is fine, the second closes the loop.
    const again = await t.join("coder", t.projectRoom);
    const mine = createCode(again.doc, { name: "Mine", parentId: theirs }, t.ids.coder);
    await eventually(() => expect(listCodes(witness.doc)).toHaveLength(2));
    const loop = closed(again);
    const map = again.doc.getMap("codes").get(theirs) as Y.Map<unknown>;
    again.doc.transact(() => {
      map.set("parentId", mine);
      map.set("updatedBy", t.ids.coder);
    });
    expect(await loop).toBe(CloseCode.refused);
    expect(listCodes(witness.doc).find((c) => c.id === theirs)).toMatchObject({
      name: "Sustaining",
      parentId: null,
    });
    createCode(colleague.doc, { name: "Still coding" }, t.ids.colleague);
    await eventually(() => expect(listCodes(witness.doc).map((c) => c.name)).toContain("Still coding"));
  });
});

describe("an observer whose writes are refused", () => {
  /** Sends `update` raw through `client`'s socket and waits for the server to close it. */
  const sendRefused = async (client: StockClient, update: Uint8Array) => {
    const shut = closed(client);
    (client.provider.ws as unknown as { send(bytes: Uint8Array): void }).send(encodeSyncUpdate(update));
    expect(await shut).toBe(CloseCode.refused);
  };

  it("cannot make the room refuse a colleague's next edit, or an owner's deletion", async () => {
    const t = await team();
    const colleague = await t.join("colleague");
    const owner = await t.join("owner");
    const first = applyCode(colleague.doc, colleague.doc, { start: 0, end: 3 }, "one", t.ids.colleague);
    await eventually(() => expect(codingOf(owner.doc, first)).not.toBeNull());
    const C = colleague.doc.clientID;
    const next = Y.getState(colleague.doc.store, C);
    // A write under the colleague's next clock, and a deletion of everything the room holds.
    await sendRefused(
      await t.join("observer"),
      craftStructs([{ client: C, clock: next, root: "codings", key: "x", value: 1 }]),
    );
    const everything = encoding.createEncoder();
    const state = Y.decodeStateVector(Y.encodeStateVector(owner.doc));
    encoding.writeVarUint(everything, 0);
    encoding.writeVarUint(everything, state.size);
    for (const [client, clock] of state) {
      encoding.writeVarUint(everything, client);
      encoding.writeVarUint(everything, 1);
      encoding.writeVarUint(everything, 0);
      encoding.writeVarUint(everything, clock);
    }
    await sendRefused(await t.join("observer"), encoding.toUint8Array(everything));

    const witness = await t.join("coder");
    const second = applyCode(colleague.doc, colleague.doc, { start: 4, end: 8 }, "two", t.ids.colleague);
    await eventually(() => expect(codingOf(witness.doc, second)?.codeId).toBe("two"));
    removeCoding(colleague.doc, first);
    await eventually(() => expect(codingOf(witness.doc, first)).toBeNull());
    const text = ((transcriptContent(owner.doc).get(0) as Y.XmlElement).get(0) as Y.XmlElement).get(
      0,
    ) as Y.XmlText;
    text.delete(0, 4);
    await eventually(() => expect(turnText(witness.doc, 0)).toBe(text.toString()));
    expect(colleague.provider.wsconnected && owner.provider.wsconnected).toBe(true);
  });

  it("has only a bounded number of its refusals remembered, however many client ids it names", async () => {
    const t = await team();
    const observer = await t.join("observer");
    const flood = craftStructs(
      Array.from({ length: 2_000 }, (_, i) => ({
        client: 900_000 + i,
        clock: 0,
        root: "codings",
        key: `k${i}`,
        value: i,
      })),
    );
    await sendRefused(observer, flood);
    const { db } = server as TestServer;
    await eventually(() =>
      expect(
        db.prepare("SELECT count(*) FROM refused_writes WHERE principal = ?").pluck().get(t.ids.observer),
      ).toBe(64),
    );
    // The room still takes a colleague's coding at once.
    const colleague = await t.join("colleague");
    const witness = await t.join("owner");
    await stillWorks(colleague, witness, t.ids.colleague);
  });
});

function presence(clientId: number, state: unknown): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint(encoder, clientId);
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarString(encoder, JSON.stringify(state));
  return encodeAwareness(encoding.toUint8Array(encoder));
}

describe("presence from a hostile member", () => {
  it("is closed when it speaks in someone else's name or sends a state over the limit, and others stay", async () => {
    const t = await team();
    const witness = await t.join("owner");
    const colleague = await t.join("colleague");
    for (const state of [{ user: { id: t.ids.owner, name: "owner" } }, { junk: "x".repeat(40_000) }]) {
      const attacker = await t.join("coder");
      const shut = closed(attacker);
      (attacker.provider.ws as unknown as { send(bytes: Uint8Array): void }).send(presence(99, state));
      expect([CloseCode.badRequest, CloseCode.tooLarge]).toContain(await shut);
      attacker.destroy();
      expect(witness.provider.awareness.getStates().has(99)).toBe(false);
    }
    await stillWorks(colleague, witness, t.ids.colleague);
  });
});
