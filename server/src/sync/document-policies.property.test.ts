import { applyCode, removeCoding } from "@concord/anchoring";
import { transcriptCodings, transcriptContent } from "@concord/schema";
import { encodeSyncUpdate } from "@concord/sync";
import { craftUpdate } from "@concord/sync/testing";
import * as prng from "lib0/prng";
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { openDatabase } from "../db/database";
import { createSqliteDocumentStorage } from "../db/sqlite-document-storage";
import {
  eventually,
  type Person,
  roles,
  type StockClient,
  startTeam,
  startTestServer,
  type TestServer,
} from "../testing";

let servers: TestServer[] = [];
let clients: StockClient[] = [];
afterEach(async () => {
  for (const client of clients) client.destroy();
  clients = [];
  for (const server of servers) await server.dispose();
  servers = [];
});

interface Member {
  readonly person: Person;
  client: StockClient;
}

/** The item of every live value and character under `type`, with the client that wrote it. */
function writersUnder(type: Y.AbstractType<unknown>, into: number[] = []): number[] {
  for (let item = type._start; item; item = item.right) {
    if (item.deleted) continue;
    into.push(item.id.client);
    if (item.content instanceof Y.ContentType) writersUnder(item.content.type, into);
  }
  for (const item of type._map.values()) {
    if (item.deleted) continue;
    into.push(item.id.client);
    if (item.content instanceof Y.ContentType) writersUnder(item.content.type, into);
  }
  return into;
}

async function run(seed: number, steps: number) {
  const random = prng.create(seed);
  const t = await startTeam();
  servers.push(t.server);
  const seedClients = new Set(t.server.registry.loadedRoom(t.transcriptRoom)?.doc.store.clients.keys() ?? []);
  const stored0 = await t.server.services.rooms.read(t.transcriptRoom);
  for (const client of stored0.store.clients.keys()) seedClients.add(client);
  /** Which person each Yjs client id belongs to. */
  const clientOf = new Map<number, Person>();
  const connect = async (person: Person): Promise<StockClient> => {
    const client = await t.join(person, t.transcriptRoom, undefined, t.server);
    clients.push(client);
    clientOf.set(client.doc.clientID, person);
    return client;
  };
  const members: Member[] = [];
  for (const person of ["owner", "coder", "colleague", "observer"] as const) {
    members.push({ person, client: await connect(person) });
  }
  /** Codings whose removal by this person was allowed: its coder, or an owner. */
  const removable = (person: Person, coderId: string) =>
    roles[person] === "owner" || t.ids[person] === coderId;
  const allowedRemovals = new Set<string>();
  // Every coding the server ever accepted, as a witness who never writes saw them.
  const everSeen = new Set<string>();
  const witness = await connect("observer");
  witness.doc.on("update", () => {
    for (const id of transcriptCodings(witness.doc).keys()) everSeen.add(id);
  });

  for (let step = 0; step < steps; step++) {
    const member = prng.oneOf(random, members);
    const { doc } = member.client;
    // A client the server refused starts again from a fresh copy, as the web app does.
    if (member.client.closeCodes.length > 0 || !member.client.provider.wsconnected) {
      member.client.destroy();
      member.client = await connect(member.person);
      continue;
    }
    const length = transcriptContent(doc).toArray().length;
    const action = prng.int32(random, 0, 9);
    const me = t.ids[member.person];
    try {
      if (action <= 2) {
        applyCode(doc, doc, { start: prng.int32(random, 0, 10), end: prng.int32(random, 11, 30) }, "c", me);
      } else if (action === 3) {
        const other = prng.oneOf(random, Object.values(t.ids));
        applyCode(doc, doc, { start: 0, end: 5 }, "forged", other);
      } else if (action === 4) {
        const ids = [...transcriptCodings(doc).keys()];
        if (ids.length > 0) {
          const id = prng.oneOf(random, ids);
          const coderId = JSON.parse(transcriptCodings(doc).get(id) as string).coderId as string;
          if (removable(member.person, coderId)) allowedRemovals.add(id);
          removeCoding(doc, id);
        }
      } else if (action === 5 && length > 0) {
        const turn = transcriptContent(doc).get(prng.int32(random, 0, length - 1)) as Y.XmlElement;
        ((turn.get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, prng.word(random, 1, 4));
      } else if (action === 6 && length > 0) {
        const turn = transcriptContent(doc).get(prng.int32(random, 0, length - 1)) as Y.XmlElement;
        turn.setAttribute("speaker", prng.oneOf(random, ["Interviewer", "Chief Officer", "Lead 6"]));
      } else if (action === 7) {
        doc.getMap(prng.oneOf(random, ["codings", "elsewhere"])).set(prng.word(random, 2, 4), { junk: true });
      } else if (action === 8) {
        const poison = craftUpdate({
          client: prng.uint32(random, 1, 2 ** 30),
          clock: 0,
          origin: [1, 10],
          text: "x",
        });
        (member.client.provider.ws as unknown as { send(bytes: Uint8Array): void }).send(
          encodeSyncUpdate(poison),
        );
      } else {
        // A network blip: the same copy reconnects.
        member.client.provider.disconnect();
        member.client.provider.connect();
      }
    } catch {
      // An edit the local library itself refuses (a range past the text) is no update at all.
    }
    if (step % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 15));
  }
  await t.server.registry.settled();
  await new Promise((resolve) => setTimeout(resolve, 200));
  await t.server.registry.settled();

  // Every client still connected converges with a fresh one.
  const live = members.filter((m) => m.client.closeCodes.length === 0 && m.client.provider.wsconnected);
  const fresh = await connect("observer");
  await eventually(() => {
    for (const member of live) {
      expect(Y.encodeStateVector(member.client.doc)).toEqual(Y.encodeStateVector(fresh.doc));
    }
  });

  await t.server.close();
  const db = openDatabase({ dataDir: t.dataDir, synchronous: "NORMAL" });
  const stored = await createSqliteDocumentStorage(db).load(t.transcriptRoom);
  db.close();
  // Every stored update applies, one by one, in order, and leaves nothing pending.
  const doc = new Y.Doc();
  for (const update of stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates) {
    Y.applyUpdate(doc, update);
  }
  expect(doc.store.pendingStructs).toBeNull();
  expect(doc.store.pendingDs).toBeNull();
  // The content was changed by owners only.
  for (const client of writersUnder(transcriptContent(doc) as unknown as Y.AbstractType<unknown>)) {
    if (!seedClients.has(client)) expect(clientOf.get(client)).toBe("owner");
  }
  // Every coding's coder is the member who wrote it; nothing but codings in the codings map.
  transcriptCodings(doc).forEach((value, id) => {
    const coding = JSON.parse(value as string);
    const item = transcriptCodings(doc)._map.get(id) as Y.Item;
    expect(t.ids[clientOf.get(item.id.client) as Person]).toBe(coding.coderId);
  });
  expect([...doc.share.keys()].every((name) => ["content", "codings"].includes(name))).toBe(true);
  // No coding was removed by someone who may not.
  for (const id of everSeen) {
    if (!transcriptCodings(doc).has(id)) expect(allowedRemovals.has(id)).toBe(true);
  }
  expect(everSeen.size).toBeGreaterThan(5);
  servers = servers.filter((s) => s !== t.server);
  await startTestServer({ dataDir: t.dataDir }).then((s) => s.dispose());
}

describe("owners, coders and an observer writing at random, valid and not", () => {
  for (const seed of [11, 2026, 31337]) {
    it(`leave a document whose every fact holds (seed ${seed})`, () => run(seed, 160));
  }
});
