import * as Y from "yjs";
import { presentUser } from "../workspace/PresenceBar";

/** Whether `id` is a Yjs struct id as JSON: a client and a clock, each a whole number from 0. */
function readableId(id: unknown): boolean {
  if (id === undefined || id === null) return true;
  if (typeof id !== "object") return false;
  const { client, clock } = id as { client?: unknown; clock?: unknown };
  return (
    Number.isSafeInteger(client) &&
    Number.isSafeInteger(clock) &&
    (client as number) >= 0 &&
    (clock as number) >= 0
  );
}

/** A relative position as the awareness protocol carries it, if it can be read as one. */
function readablePosition(json: unknown): boolean {
  if (typeof json !== "object" || json === null) return false;
  const { item, type, assoc } = json as { item?: unknown; type?: unknown; assoc?: unknown };
  // Yjs reads these without checking them; a clock that is no number breaks resolving it later.
  if (!readableId(item) || !readableId(type) || (assoc !== undefined && !Number.isSafeInteger(assoc)))
    return false;
  try {
    const position = Y.createRelativePositionFromJSON(json);
    // A root named in a position would be created by resolving it; a position naming nothing throws.
    return position.tname === null && (position.item !== null || position.type !== null);
  } catch {
    return false;
  }
}

/**
 * Which presence states y-prosemirror draws as cursors (from the presence field `field`): others'
 * (not this tab's), saying who they are, with positions that can be read. Any client can send
 * any presence; a malformed one is left out rather than allowed to break the editor for everyone.
 */
export function drawableCursor(
  field = "cursor",
): (ownClientId: number, clientId: number, state: Record<string, unknown>) => boolean {
  return (ownClientId, clientId, state) => {
    if (ownClientId === clientId) return false;
    // Colours are this page's own (person-colours.ts); only who it is must be readable.
    if (!presentUser(state)) return false;
    const cursor = state[field] as { anchor?: unknown; head?: unknown } | null | undefined;
    return cursor == null || (readablePosition(cursor.anchor) && readablePosition(cursor.head));
  };
}
