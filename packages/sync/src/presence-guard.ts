import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { ProtocolError } from "./protocol";

/** One client's presence in an awareness update: its clock and its state as JSON text. */
export interface PresenceEntry {
  readonly clientId: number;
  readonly clock: number;
  readonly json: string;
}

/** Decodes an awareness update into its entries. Throws {@link ProtocolError} on bytes that are not one. */
export function decodePresence(update: Uint8Array): PresenceEntry[] {
  try {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    const entries: PresenceEntry[] = [];
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      entries.push({ clientId, clock, json: decoding.readVarString(decoder) });
    }
    if (decoding.hasContent(decoder)) throw new ProtocolError("trailing bytes after the presence");
    return entries;
  } catch (error) {
    if (error instanceof ProtocolError) throw error;
    throw new ProtocolError(`undecodable presence: ${(error as Error).message}`);
  }
}

/** Encodes presence entries as an awareness update. */
export function encodePresence(entries: readonly PresenceEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, entry.json);
  }
  return encoding.toUint8Array(encoder);
}

/**
 * Why a presence state may not be relayed as sent by `principal`, or null if it may: it must be a
 * JSON object (or null, leaving), and a `user` in it must be the sender.
 */
export function presenceProblem(json: string, principal: string | null): string | null {
  let state: unknown;
  try {
    state = JSON.parse(json);
  } catch {
    return "presence that is not JSON";
  }
  if (state === null) return null;
  if (typeof state !== "object" || Array.isArray(state)) return "presence that is not an object";
  const user = (state as { user?: unknown }).user;
  if (user === undefined || principal === null) return null;
  if (typeof user !== "object" || user === null) return "presence whose user is not an object";
  const id = (user as { id?: unknown }).id;
  if (id !== undefined && id !== principal) return "presence in someone else's name";
  return null;
}
