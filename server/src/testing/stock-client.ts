import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";

/** The stock y-websocket provider as a Node test uses it. */
export interface StockClient {
  readonly doc: Y.Doc;
  readonly provider: WebsocketProvider;
  /** Close codes the server sent to this client, in order. */
  readonly closeCodes: number[];
  destroy(): void;
}

/**
 * Connects the real `y-websocket` client from npm to `wsUrl` (…/sync) and `room`. BroadcastChannel
 * is off so that clients in one process can only meet through the server.
 */
export function connectStockClient(
  wsUrl: string,
  room: string,
  options: { doc?: Y.Doc; params?: Record<string, string>; connect?: boolean } = {},
): StockClient {
  const doc = options.doc ?? new Y.Doc();
  const provider = new WebsocketProvider(wsUrl, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    connect: options.connect ?? true,
    params: options.params ?? {},
    maxBackoffTime: 500,
  });
  const closeCodes: number[] = [];
  provider.on("connection-close", (event) => {
    if (event) closeCodes.push(event.code);
  });
  return {
    doc,
    provider,
    closeCodes,
    destroy() {
      provider.destroy();
    },
  };
}

/** Resolves once the client has synced with the server (received its step 2). */
export function whenSynced(client: StockClient, timeoutMs = 10_000): Promise<void> {
  if (client.provider.synced) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("client did not sync in time")), timeoutMs);
    const handle = (synced: boolean) => {
      if (!synced) return;
      clearTimeout(timer);
      client.provider.off("sync", handle);
      resolve();
    };
    client.provider.on("sync", handle);
  });
}

/** Retries `check` until it stops throwing, or rethrows its last error after `timeoutMs`. */
export async function eventually(check: () => void | Promise<void>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}
