import { isFinalCloseCode } from "@concord/sync/close-codes";
import { IndexeddbPersistence, storeState } from "y-indexeddb";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";

/** How a room's connection stands, as the status indicator shows it. */
export type ConnectionState =
  | { readonly kind: "connecting" }
  | { readonly kind: "online" }
  | { readonly kind: "offline"; readonly since: number }
  | { readonly kind: "refused"; readonly code: number; readonly reason: string };

/** A shared document kept in sync with the server and saved in this browser. */
export interface RoomConnection {
  readonly doc: Y.Doc;
  readonly provider: WebsocketProvider;
  /** Resolves once the copy saved in this browser has loaded (immediately useful offline). */
  readonly whenLocal: Promise<void>;
  state(): ConnectionState;
  /** Calls `listener` on every change of state; returns the unsubscribe function. */
  onState(listener: (state: ConnectionState) => void): () => void;
  destroy(): void;
  /** Closes the room and deletes this browser's copy of it (after the server refused a change from it). */
  discard(): Promise<void>;
}

// Bump when a stored document's shape changes incompatibly, so old browser copies are not merged
// (and in web/public/early-document.js, which looks for a copy by this name).
const STORE_GENERATION = 1;

function syncUrl(): string {
  const { protocol, host } = window.location;
  return `${protocol === "https:" ? "wss:" : "ws:"}//${host}/sync`;
}

const MESSAGE_SYNC = 0;

/** Writes the whole document into this browser's copy, unless the copy was closed (or deleted) meanwhile. */
function storeWhole(local: IndexeddbPersistence): Promise<void> | undefined {
  if ((local as unknown as { _destroyed: boolean })._destroyed) return undefined;
  return storeState(local, true).catch(() => {
    // The copy closed while it was being written: the next visit syncs from the server.
  });
}

/**
 * Applies the server's first answer (for a coded transcript, megabytes: the whole document) without
 * the document's `update` listeners. Yjs would otherwise encode all of it again just to hand it to
 * them, before the page can paint, and neither needs it: the provider passes on only local changes,
 * and the IndexedDB copy is written whole, once the browser is idle.
 */
function takeFirstSyncQuietly(provider: WebsocketProvider, local: IndexeddbPersistence): void {
  const handleSync = provider.messageHandlers[MESSAGE_SYNC];
  if (!handleSync) return;
  provider.messageHandlers[MESSAGE_SYNC] = (encoder, decoder, self, emitSynced, type) => {
    if (self.synced) {
      handleSync(encoder, decoder, self, emitSynced, type);
      return;
    }
    const { doc } = self;
    performance.mark(`concord:${self.roomname.split(".")[0]}:sync-message`);
    doc.off("update", self._updateHandler);
    doc.off("update", local._storeUpdate);
    try {
      handleSync(encoder, decoder, self, emitSynced, type);
    } finally {
      doc.on("update", self._updateHandler);
      doc.on("update", local._storeUpdate);
    }
    if (self.synced) {
      // The copy this browser keeps gets the server's state as soon as there is time for it.
      requestIdleCallback(() => void local.whenSynced.then(() => storeWhole(local)), { timeout: 2000 });
    }
  };
}

/**
 * The whole document fetched over HTTP, "local" when this browser keeps a copy (loaded from IndexedDB
 * instead), or null when it could not be had.
 */
export type EarlyDocument = ArrayBuffer | "local" | null;

/** How long a room waits for its document fetched over HTTP before syncing it all over the socket. */
const EARLY_DOCUMENT_WAIT_MS = 5000;

/**
 * Applies the whole document fetched over HTTP (see `early-document.js`) without the update
 * listeners, as {@link takeFirstSyncQuietly} does for the socket's first answer, and once the
 * IndexedDB copy has loaded: opening that copy encodes the document as it stands then.
 */
async function takeEarlyDocument(
  doc: Y.Doc,
  bytes: Promise<EarlyDocument>,
  provider: WebsocketProvider,
  local: IndexeddbPersistence,
): Promise<void> {
  // Neither a slow fetch nor a browser whose IndexedDB never opens may keep the socket waiting.
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), EARLY_DOCUMENT_WAIT_MS));
  const update = await Promise.race([Promise.all([bytes, local.whenSynced]).then(([b]) => b), timeout]);
  // Nothing to apply (or this browser's copy, now loaded, is the document), the socket already at
  // work (the device came online), or the room closed.
  if (!update || update === "local" || provider.shouldConnect || doc.isDestroyed) return;
  doc.off("update", provider._updateHandler);
  doc.off("update", local._storeUpdate);
  try {
    Y.applyUpdate(doc, new Uint8Array(update), "early-document");
  } catch {
    // Bytes that are not an update (a proxy's error page, say): the socket brings everything.
  } finally {
    doc.on("update", provider._updateHandler);
    doc.on("update", local._storeUpdate);
  }
  performance.mark(`concord:${provider.roomname.split(".")[0]}:early-document`);
  requestIdleCallback(() => void storeWhole(local), { timeout: 2000 });
}

/**
 * Opens a room: the document, its copy in IndexedDB (so work done offline survives a reload and
 * merges when the connection returns) and the stock y-websocket provider. The session cookie
 * authenticates the socket. With `early`, the whole document already on its way over HTTP: the
 * socket connects once it is in, and then sends only what changed since.
 */
export function connectRoom(room: string, early?: Promise<EarlyDocument>): RoomConnection {
  const doc = new Y.Doc();
  const local = new IndexeddbPersistence(`concord:${room}:${STORE_GENERATION}`, doc);
  // No BroadcastChannel between tabs: each tab keeps its own IndexedDB copy and tabs meet through
  // the server. The channel would cost every page load its setup, and every reconnection an
  // encoding of the whole document (megabytes for a coded transcript) sent to every other tab.
  const provider = new WebsocketProvider(syncUrl(), room, doc, {
    maxBackoffTime: 5000,
    disableBc: true,
    connect: !early,
  });
  takeFirstSyncQuietly(provider, local);
  if (early) {
    void takeEarlyDocument(doc, early, provider, local).finally(() => {
      if (!provider.shouldConnect && !destroyed && navigator.onLine) provider.connect();
    });
  }
  let current: ConnectionState = { kind: "connecting" };
  let destroyed = false;
  const listeners = new Set<(state: ConnectionState) => void>();
  const set = (next: ConnectionState) => {
    current = next;
    for (const listener of listeners) listener(next);
  };
  const kind = room.split(".")[0] ?? "room";
  provider.on("status", ({ status }) => {
    if (current.kind === "refused") return;
    if (status === "connected") {
      performance.mark(`concord:${kind}:connected`);
      set({ kind: "online" });
    } else if (status === "disconnected" && current.kind !== "offline")
      set({ kind: "offline", since: Date.now() });
  });
  provider.on("connection-close", (event) => {
    if (event && isFinalCloseCode(event.code))
      set({ kind: "refused", code: event.code, reason: event.reason });
  });
  // When the device says it is offline, say so at once and stop knocking; pick up again when it is back.
  const goOffline = () => provider.disconnect();
  const goOnline = () => {
    if (current.kind !== "refused") provider.connect();
  };
  window.addEventListener("offline", goOffline);
  window.addEventListener("online", goOnline);
  // Marks on the page's performance timeline, for people measuring how long opening takes.
  performance.mark(`concord:${kind}:opened`);
  void local.whenSynced.then(() => performance.mark(`concord:${kind}:local`));
  provider.once("sync", () => performance.mark(`concord:${kind}:synced`));
  function destroy() {
    destroyed = true;
    window.removeEventListener("offline", goOffline);
    window.removeEventListener("online", goOnline);
    listeners.clear();
    letConnectingSocketGo(provider);
    provider.destroy();
    void local.destroy();
    doc.destroy();
  }
  return {
    doc,
    provider,
    whenLocal: local.whenSynced.then(() => undefined),
    state: () => current,
    onState(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    destroy,
    async discard() {
      // The copy holds the refused change: merged again, it would only be refused again.
      window.removeEventListener("offline", goOffline);
      window.removeEventListener("online", goOnline);
      destroyed = true;
      listeners.clear();
      letConnectingSocketGo(provider);
      provider.destroy();
      await local.clearData();
      doc.destroy();
    },
  };
}

/**
 * Takes a socket that is still connecting away from its provider before the provider is destroyed,
 * and closes it once it opens: closing it while it connects makes the browser log an error (a page
 * left a moment after it was opened, say) for what is no fault.
 */
function letConnectingSocketGo(provider: WebsocketProvider): void {
  const socket = provider.ws;
  if (!socket || socket.readyState !== WebSocket.CONNECTING) return;
  provider.ws = null;
  socket.onmessage = null;
  socket.onerror = null;
  socket.onclose = null;
  socket.onopen = () => socket.close();
}
