import { CloseCode } from "@concord/sync";
import * as prng from "lib0/prng";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import * as Y from "yjs";
import {
  connectStockClient,
  eventually,
  openRoomAuthorizer,
  type StockClient,
  startTestServer,
  type TestServer,
  whenSynced,
} from "../testing";

let server: TestServer;
let clients: StockClient[] = [];

function client(room = "transcript.p1.t1", doc?: Y.Doc): StockClient {
  const created = connectStockClient(server.wsUrl, room, doc ? { doc } : {});
  clients.push(created);
  return created;
}

function rawSocket(room = "transcript.p1.t1"): Promise<{ socket: WebSocket; closed: Promise<number> }> {
  const socket = new WebSocket(`${server.wsUrl}/${room}`);
  const closed = new Promise<number>((resolve) => socket.on("close", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    socket.on("open", () => resolve({ socket, closed }));
    socket.on("error", reject);
  });
}

beforeEach(async () => {
  server = await startTestServer(
    { maxMessageBytes: 64 * 1024 },
    { authorizer: openRoomAuthorizer, documentRules: false },
  );
});

afterEach(async () => {
  for (const c of clients) c.destroy();
  clients = [];
  await server.dispose();
});

describe("the sync endpoint with the stock y-websocket client", () => {
  it("answers /healthz once storage is open", async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok", storage: "sqlite" });
  });

  it("brings two clients to the same state", async () => {
    const alice = client();
    const bob = client();
    await Promise.all([whenSynced(alice), whenSynced(bob)]);
    alice.doc.getText("t").insert(0, "Chief Officer: ");
    bob.doc.getMap("codes").set("c1", "barriers");
    await eventually(() => {
      expect(bob.doc.getText("t").toString()).toBe("Chief Officer: ");
      expect(alice.doc.getMap("codes").get("c1")).toBe("barriers");
    });
  });

  it("gives a third client that joins later the full state", async () => {
    const alice = client();
    await whenSynced(alice);
    const fragment = alice.doc.getXmlFragment("content");
    const turn = new Y.XmlElement("turn");
    turn.setAttribute("speaker", "Interviewer");
    turn.insert(0, [new Y.XmlText("How is co-production understood?")]);
    fragment.insert(0, [turn]);
    alice.doc.getText("t").insert(0, "abc");
    const bob = client();
    await whenSynced(bob);
    await eventually(() => expect(bob.doc.getText("t").toString()).toBe("abc"));
    const carol = client();
    await whenSynced(carol);
    expect(carol.doc.getXmlFragment("content").toString()).toBe(fragment.toString());
    expect(carol.doc.getText("t").toString()).toBe("abc");
  });

  it("passes awareness states to the others", async () => {
    const alice = client();
    const bob = client();
    await Promise.all([whenSynced(alice), whenSynced(bob)]);
    alice.provider.awareness.setLocalStateField("user", { name: "Alice", color: "#c33" });
    await eventually(() =>
      expect(bob.provider.awareness.getStates().get(alice.doc.clientID)).toEqual({
        user: { name: "Alice", color: "#c33" },
      }),
    );
    alice.destroy();
    await eventually(() => expect(bob.provider.awareness.getStates().has(alice.doc.clientID)).toBe(false));
  });

  it("refuses a malformed room name with the not-found code and sends no content", async () => {
    const stray = client("not a room");
    const closed = new Promise<{ code: number }>((resolve) => stray.provider.on("closed", resolve));
    expect((await closed).code).toBe(CloseCode.notFound);
    expect(stray.provider.synced).toBe(false);
  });
});

describe("the sync endpoint's door", () => {
  it("refuses a room name that is not percent-encoded properly as no such room", async () => {
    const { closed } = await rawSocket("transcript.p1.%E0%A4%A");
    expect(await closed).toBe(CloseCode.notFound);
  });

  it("answers an upgrade of any other path with 404, and a plain GET of a room with 426", async () => {
    const base = server.wsUrl.replace(/\/sync$/, "");
    const other = new WebSocket(`${base}/elsewhere`);
    const status = await new Promise<number>((resolve) => {
      other.on("unexpected-response", (_request, response) => resolve(response.statusCode ?? 0));
      other.on("error", () => resolve(-1));
    });
    expect(status).toBe(404);
    const plain = await fetch(`${base.replace("ws", "http")}/sync/transcript.p1.t1`);
    expect(plain.status).toBe(426);
  });

  it("answers 400 to an upgrade whose target is no URL, and serves the next one", async () => {
    const { connect } = await import("node:net");
    const port = Number(new URL(server.wsUrl).port);
    const upgrade = (target: string, host = "127.0.0.1") =>
      new Promise<string>((resolve) => {
        const raw = connect(port, "127.0.0.1", () => {
          raw.write(
            `GET ${target} HTTP/1.1\r\nHost: ${host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
              "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n",
          );
        });
        let answer = "";
        raw.on("data", (chunk) => {
          answer += chunk.toString();
        });
        raw.on("close", () => resolve(answer));
        raw.on("error", () => resolve(answer));
      });
    for (const target of [
      "//[",
      "//%zz",
      "http://[/sync/transcript.p1.t1",
      "http://%zz/sync/transcript.p1.t1",
    ]) {
      expect(await upgrade(target), target).toMatch(/^HTTP\/1\.1 400/);
    }
    const good = client();
    await whenSynced(good);
  });
});

describe("the sync endpoint under bad input", () => {
  it("closes a connection that sends a malformed message, and only that one", async () => {
    const good = client();
    await whenSynced(good);
    const { socket, closed } = await rawSocket();
    socket.send(Uint8Array.of(0, 2, 200, 1));
    expect(await closed).toBe(CloseCode.badRequest);
    good.doc.getText("t").insert(0, "unaffected");
    const witness = client();
    await whenSynced(witness);
    await eventually(() => expect(witness.doc.getText("t").toString()).toBe("unaffected"));
    expect(good.closeCodes).toEqual([]);
  });

  it("closes a connection that sends an unknown message type", async () => {
    const { socket, closed } = await rawSocket();
    socket.send(Uint8Array.of(7, 1, 2));
    expect(await closed).toBe(CloseCode.badRequest);
  });

  it("closes a connection that sends a text frame", async () => {
    const { socket, closed } = await rawSocket();
    socket.send("hello");
    expect(await closed).toBe(CloseCode.badRequest);
  });

  it("closes a connection whose message is over the size limit, and keeps the room", async () => {
    const good = client();
    await whenSynced(good);
    const { socket, closed } = await rawSocket();
    socket.send(new Uint8Array(65 * 1024));
    expect(await closed).toBe(CloseCode.messageTooBig);
    good.doc.getText("t").insert(0, "still fine");
    const witness = client();
    await whenSynced(witness);
    await eventually(() => expect(witness.doc.getText("t").toString()).toBe("still fine"));
  });

  it("survives a seeded stream of random and truncated frames without disturbing a good client", async () => {
    const random = prng.create(20261126);
    const good = client();
    const witness = client();
    await Promise.all([whenSynced(good), whenSynced(witness)]);
    const sample = new Y.Doc();
    sample.getText("t").insert(0, "a real update, cut short");
    const real = Y.encodeStateAsUpdate(sample);
    for (let round = 0; round < 60; round++) {
      const { socket, closed } = await rawSocket();
      for (let i = 0; i < 5; i++) {
        const frame =
          i % 2 === 0
            ? prng.uint8Array(random, prng.int32(random, 1, 48))
            : Uint8Array.of(0, 2, real.length, ...real.slice(0, prng.int32(random, 0, real.length - 1)));
        if (socket.readyState === WebSocket.OPEN) socket.send(frame);
      }
      socket.close();
      await closed;
      good.doc.getText("t").insert(good.doc.getText("t").length, ".");
    }
    await eventually(() => expect(witness.doc.getText("t").toString()).toBe(".".repeat(60)));
    expect(good.closeCodes).toEqual([]);
    expect(witness.closeCodes).toEqual([]);
  });
});
