// A stock client of each server under test, as the benchmarks connect it.
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import type { ServerKind } from "./workload";

/** One stock client of a room: its document, and when its first sync is done. */
export interface Client {
  readonly doc: Y.Doc;
  whenSynced(): Promise<void>;
  destroy(): void;
}

/** Connects one client to `room` with the server's own client library (the stock one for Concord). */
export function connect(kind: ServerKind, port: number, room: string, token?: string): Client {
  const doc = new Y.Doc();
  if (kind === "hocuspocus") {
    let synced = false;
    const waiters: (() => void)[] = [];
    // One socket per client, as with y-websocket, rather than Hocuspocus's multiplexing.
    const socket = new HocuspocusProviderWebsocket({
      url: `ws://127.0.0.1:${port}`,
      WebSocketPolyfill: WebSocket,
    });
    const provider = new HocuspocusProvider({
      websocketProvider: socket,
      name: room,
      document: doc,
      onSynced: () => {
        synced = true;
        for (const resolve of waiters.splice(0)) resolve();
      },
    });
    provider.attach();
    return {
      doc,
      whenSynced: () => (synced ? Promise.resolve() : new Promise((resolve) => waiters.push(resolve))),
      destroy: () => {
        provider.destroy();
        socket.destroy();
      },
    };
  }
  const base = kind === "concord" ? `ws://127.0.0.1:${port}/sync` : `ws://127.0.0.1:${port}`;
  const provider = new WebsocketProvider(base, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: token ? { token } : {},
  });
  return {
    doc,
    whenSynced: () =>
      provider.synced
        ? Promise.resolve()
        : new Promise((resolve) => provider.once("sync", () => resolve(undefined))),
    destroy: () => provider.destroy(),
  };
}
