import { afterEach, describe, expect, it } from "vitest";
import {
  connectStockClient,
  eventually,
  openRoomAuthorizer,
  type StockClient,
  startTestServer,
  storedDocIn,
  type TestServer,
  whenSynced,
} from "../testing";

const ROOM = "transcript.p1.compaction";
let server: TestServer;
let clients: StockClient[] = [];

afterEach(async () => {
  for (const c of clients) c.destroy();
  clients = [];
  await server.dispose();
});

describe("compaction while seven clients write", () => {
  it("loses no update: every count that went in comes back out of storage", async () => {
    server = await startTestServer(
      { compactEvery: 10 },
      { authorizer: openRoomAuthorizer, documentRules: false },
    );
    clients = Array.from({ length: 7 }, () => connectStockClient(server.wsUrl, ROOM));
    await Promise.all(clients.map((c) => whenSynced(c)));
    const perClient = 150;
    await Promise.all(
      clients.map(async (c, i) => {
        const entries = c.doc.getArray<number>(`writer-${i}`);
        for (let n = 0; n < perClient; n++) {
          entries.push([n]);
          if (n % 5 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
        }
      }),
    );
    const expected = (i: number) => ({
      key: `writer-${i}`,
      values: Array.from({ length: perClient }, (_, n) => n),
    });
    await eventually(() => {
      for (const c of clients) {
        for (let i = 0; i < clients.length; i++) {
          const { key, values } = expected(i);
          expect(c.doc.getArray<number>(key).toArray()).toEqual(values);
        }
      }
    });
    await server.registry.settled();
    const room = server.registry.loadedRoom(ROOM);
    await room?.compact();

    const snapshots = server.db
      .prepare("SELECT count(*) FROM document_snapshots WHERE room = ?")
      .pluck()
      .get(ROOM);
    expect(snapshots).toBe(1);
    const logRows = server.db
      .prepare("SELECT count(*) FROM document_updates WHERE room = ?")
      .pluck()
      .get(ROOM);
    expect(logRows).toBe(0);

    const stored = await storedDocIn(server.db, ROOM);
    for (let i = 0; i < clients.length; i++) {
      const { key, values } = expected(i);
      expect(stored.getArray<number>(key).toArray()).toEqual(values);
    }
  });
});
