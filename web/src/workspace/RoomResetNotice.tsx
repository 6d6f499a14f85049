import type { RoomReset } from "./use-room";

/**
 * Tells the person that the server refused a change made on this page and that the page now shows
 * the shared copy (their change was not kept, and never will be).
 */
export function RoomResetNotice({ resets }: { resets: readonly (RoomReset | null)[] }) {
  const latest = resets.filter((r): r is RoomReset => r !== null).sort((a, b) => b.at - a.at)[0];
  if (!latest) return null;
  return (
    <p className="room-reset" role="alert">
      The server did not accept a change made on this page ({latest.reason}). The page now shows the team's
      shared copy; that change was not kept.
    </p>
  );
}
