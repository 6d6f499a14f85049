import * as prng from "lib0/prng";
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  connectStockClient,
  eventually,
  openRoomAuthorizer,
  type StockClient,
  startTestServer,
  storedDoc,
  type TestServer,
  whenSynced,
} from "../testing";

const ROOM = "transcript.p1.convergence";
let server: TestServer | null = null;
let clients: StockClient[] = [];

afterEach(async () => {
  for (const c of clients) c.destroy();
  clients = [];
  await server?.dispose();
  server = null;
});

/** One random edit to a text, a map or an XML fragment, as a coder's client would make. */
function randomEdit(random: prng.PRNG, doc: Y.Doc): void {
  const kind = prng.int32(random, 0, 2);
  if (kind === 0) {
    const text = doc.getText("t");
    if (text.length > 0 && prng.int32(random, 0, 3) === 0) {
      const at = prng.int32(random, 0, text.length - 1);
      text.delete(at, Math.min(prng.int32(random, 1, 4), text.length - at));
    } else {
      text.insert(prng.int32(random, 0, text.length), prng.word(random, 1, 5));
    }
  } else if (kind === 1) {
    const map = doc.getMap("codings");
    if (map.size > 0 && prng.bool(random)) map.delete(prng.oneOf(random, [...map.keys()]));
    else
      map.set(prng.word(random, 3, 6), { codeId: prng.word(random, 2, 4), at: prng.int32(random, 0, 1000) });
  } else {
    const fragment = doc.getXmlFragment("content");
    if (fragment.length > 0 && prng.int32(random, 0, 4) === 0) {
      fragment.delete(prng.int32(random, 0, fragment.length - 1), 1);
    } else {
      const turn = new Y.XmlElement("turn");
      turn.setAttribute("speaker", prng.oneOf(random, ["Interviewer", "Chief Officer", "Lead 6"]));
      turn.insert(0, [new Y.XmlText(prng.word(random, 2, 10))]);
      fragment.insert(prng.int32(random, 0, fragment.length), [turn]);
    }
  }
}

function snapshotOf(doc: Y.Doc) {
  return {
    text: doc.getText("t").toString(),
    codings: doc.getMap("codings").toJSON(),
    content: doc.getXmlFragment("content").toString(),
  };
}

async function runSeed(seed: number): Promise<void> {
  const random = prng.create(seed);
  server = await startTestServer(
    { compactEvery: 40 },
    { authorizer: openRoomAuthorizer, documentRules: false },
  );
  const started = server;
  clients = Array.from({ length: 7 }, () => connectStockClient(started.wsUrl, ROOM));
  await Promise.all(clients.map((c) => whenSynced(c)));
  for (let step = 0; step < 400; step++) {
    const actor = prng.oneOf(random, clients);
    const roll = prng.int32(random, 0, 99);
    if (roll < 6) {
      if (actor.provider.shouldConnect) actor.provider.disconnect();
      else actor.provider.connect();
    } else {
      randomEdit(random, actor.doc);
    }
    if (roll > 90) await new Promise((resolve) => setTimeout(resolve, prng.int32(random, 0, 15)));
  }
  for (const c of clients) if (!c.provider.shouldConnect) c.provider.connect();
  await Promise.all(clients.map((c) => whenSynced(c)));
  const expected = () => snapshotOf(clients[0]?.doc as Y.Doc);
  await eventually(() => {
    for (const c of clients) expect(snapshotOf(c.doc)).toEqual(expected());
  }, 20_000);
  const fresh = connectStockClient(started.wsUrl, ROOM);
  clients.push(fresh);
  await whenSynced(fresh);
  expect(snapshotOf(fresh.doc)).toEqual(expected());
  await started.registry.settled();
  const stored = await storedDoc(started.dataDir, ROOM);
  expect(snapshotOf(stored)).toEqual(expected());
}

describe("seven stock clients editing at random over real websockets", () => {
  for (const seed of [1, 7, 2026, 48151, 623]) {
    it(`converge, and storage holds the same state (seed ${seed})`, () => runSeed(seed));
  }
});
