import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import type { Access } from "../connection";
import { encodeAwareness, MessageType } from "../protocol";
import type { RoomRegistry, SocketSession } from "../room-registry";
import type { SyncSocket } from "../socket";

/**
 * An in-memory y-websocket client for unit tests: a Y.Doc and an awareness that talk to a
 * {@link RoomRegistry} through queues the test drains, so a test decides when each message moves.
 */
export interface TestClient {
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  /** Messages from the server not yet handled by the client. */
  readonly inbox: Uint8Array[];
  /** Messages from the client not yet handed to the server. */
  readonly outbox: Uint8Array[];
  /** The close code the server sent, once it closed this client. */
  readonly closedWith: { code: number; reason: string } | null;
  /** Hands the next queued message to the server. Returns false when there was none. */
  sendOne(): boolean;
  /** Handles the next message from the server. Returns false when there was none. */
  receiveOne(): boolean;
  /** Sends raw bytes to the server, bypassing the queue (for fuzzing). */
  sendRaw(bytes: Uint8Array): void;
  /** Closes the socket from the client's side. */
  disconnect(): void;
}

/** Connects a new {@link TestClient} to `room` through `registry`. */
export function createSocketPair(
  registry: RoomRegistry,
  room: string,
  options: { id: string; access?: Access; doc?: Y.Doc } = { id: "client" },
): TestClient {
  const doc = options.doc ?? new Y.Doc();
  const awareness = new awarenessProtocol.Awareness(doc);
  const inbox: Uint8Array[] = [];
  const outbox: Uint8Array[] = [];
  let closedWith: { code: number; reason: string } | null = null;
  let session: SocketSession | null = null;
  const socket: SyncSocket = {
    send(message) {
      if (!closedWith) inbox.push(message);
    },
    close(code, reason) {
      if (closedWith) return;
      closedWith = { code, reason };
      session?.closed();
    },
    bufferedAmount: 0,
  };
  const handleDocUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === socket) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.sync);
    syncProtocol.writeUpdate(encoder, update);
    outbox.push(encoding.toUint8Array(encoder));
  };
  const handleAwarenessUpdate = ({ added, updated, removed }: Record<string, number[]>, origin: unknown) => {
    if (origin === socket) return;
    const changed = [...(added ?? []), ...(updated ?? []), ...(removed ?? [])];
    outbox.push(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(awareness, changed)));
  };
  doc.on("update", handleDocUpdate);
  awareness.on("update", handleAwarenessUpdate);

  session = registry.connect(room, socket, {
    id: options.id,
    principal: options.id,
    access: options.access ?? "read-write",
  });
  const step1 = encoding.createEncoder();
  encoding.writeVarUint(step1, MessageType.sync);
  syncProtocol.writeSyncStep1(step1, doc);
  outbox.push(encoding.toUint8Array(step1));

  return {
    doc,
    awareness,
    inbox,
    outbox,
    get closedWith() {
      return closedWith;
    },
    sendOne() {
      const message = outbox.shift();
      if (!message) return false;
      if (!closedWith) session?.receive(message);
      return true;
    },
    receiveOne() {
      const message = inbox.shift();
      if (!message) return false;
      const decoder = decoding.createDecoder(message);
      const type = decoding.readVarUint(decoder);
      if (type === MessageType.sync) {
        const reply = encoding.createEncoder();
        encoding.writeVarUint(reply, MessageType.sync);
        syncProtocol.readSyncMessage(decoder, reply, doc, socket);
        if (encoding.length(reply) > 1) outbox.push(encoding.toUint8Array(reply));
      } else if (type === MessageType.awareness) {
        awarenessProtocol.applyAwarenessUpdate(awareness, decoding.readVarUint8Array(decoder), socket);
      }
      return true;
    },
    sendRaw(bytes) {
      if (!closedWith) session?.receive(bytes);
    },
    disconnect() {
      if (closedWith) return;
      closedWith = { code: 1000, reason: "client left" };
      doc.off("update", handleDocUpdate);
      awareness.off("update", handleAwarenessUpdate);
      awareness.destroy();
      session?.closed();
    },
  };
}
