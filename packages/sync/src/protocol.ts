import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as awarenessProtocol from "y-protocols/awareness";

/** Top-level message types of the y-websocket protocol. */
export const MessageType = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
} as const;

/** Sub-types of a sync message (y-protocols/sync). */
export const SyncMessageType = {
  step1: 0,
  step2: 1,
  update: 2,
} as const;

/** A message from a client, decoded far enough for the room to act on it. */
export type ClientMessage =
  | { readonly kind: "sync-step1"; readonly stateVector: Uint8Array }
  | { readonly kind: "sync-update"; readonly update: Uint8Array }
  | { readonly kind: "awareness"; readonly update: Uint8Array }
  | { readonly kind: "query-awareness" };

/** Thrown by {@link decodeClientMessage} for bytes that are not a message a client may send. */
export class ProtocolError extends Error {
  override readonly name = "ProtocolError";
}

/**
 * Decodes one binary message from a client. Step 2 and update carry the same payload (an update)
 * and are treated alike. Throws {@link ProtocolError} on anything else, including trailing bytes.
 */
export function decodeClientMessage(bytes: Uint8Array): ClientMessage {
  try {
    const decoder = decoding.createDecoder(bytes);
    const message = readMessage(decoder);
    if (decoding.hasContent(decoder)) {
      throw new ProtocolError("trailing bytes after the message");
    }
    return message;
  } catch (error) {
    if (error instanceof ProtocolError) throw error;
    throw new ProtocolError(`undecodable message: ${(error as Error).message}`);
  }
}

function readMessage(decoder: decoding.Decoder): ClientMessage {
  const type = decoding.readVarUint(decoder);
  switch (type) {
    case MessageType.sync: {
      const syncType = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (syncType === SyncMessageType.step1) return { kind: "sync-step1", stateVector: payload };
      if (syncType === SyncMessageType.step2 || syncType === SyncMessageType.update) {
        return { kind: "sync-update", update: payload };
      }
      throw new ProtocolError(`unknown sync message type ${syncType}`);
    }
    case MessageType.awareness:
      return { kind: "awareness", update: decoding.readVarUint8Array(decoder) };
    case MessageType.queryAwareness:
      return { kind: "query-awareness" };
    default:
      throw new ProtocolError(`unknown message type ${type}`);
  }
}

/** Sync step 1: the server's state vector, asking the client for what the server lacks. */
export function encodeSyncStep1(stateVector: Uint8Array): Uint8Array {
  return encodeSync(SyncMessageType.step1, stateVector);
}

/** Sync step 2: the part of the document the peer lacks. */
export function encodeSyncStep2(update: Uint8Array): Uint8Array {
  return encodeSync(SyncMessageType.step2, update);
}

/** A sync update: a change to broadcast. */
export function encodeSyncUpdate(update: Uint8Array): Uint8Array {
  return encodeSync(SyncMessageType.update, update);
}

function encodeSync(syncType: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  encoding.writeVarUint(encoder, syncType);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

/** An awareness message carrying the given awareness update. */
export function encodeAwareness(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.awareness);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** The awareness states of `clients` as an awareness message, or null when there are none. */
export function encodeAwarenessStates(
  awareness: awarenessProtocol.Awareness,
  clients: readonly number[],
): Uint8Array | null {
  if (clients.length === 0) return null;
  return encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(awareness, [...clients]));
}

/**
 * y-protocols' auth message saying permission was denied. The stock client logs the reason; the
 * close code that follows tells it whether to retry.
 */
export function encodePermissionDenied(reason: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.auth);
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarString(encoder, reason);
  return encoding.toUint8Array(encoder);
}

/**
 * Whether a (version 1) update carries nothing: no structs and an empty delete set. Yjs encodes
 * exactly that as the two bytes `0, 0`.
 */
export function isEmptyUpdate(update: Uint8Array): boolean {
  return update.length === 2 && update[0] === 0 && update[1] === 0;
}
