import * as Y from "yjs";
import { presentUser } from "../workspace/PresenceBar";

/** A relative position as the awareness protocol carries it, if it can be read as one. */
function readablePosition(json: unknown): boolean {
  if (typeof json !== "object" || json === null) return false;
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
