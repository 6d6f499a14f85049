import { parseRoomName } from "@concord/schema";
import type { PresenceShown } from "@concord/sync";
import type { Services } from "../services";

/**
 * What others see of presence in a transcript's rooms (its text and its discussion): everything, except from someone who codes the
 * transcript blind in a round not yet revealed, of whom they see only who is there (their `user`),
 * never where (cursor, selection, the block their view is on). Decided for each state as it arrives,
 * from SQLite, so a round started or revealed a moment ago already counts.
 */
export function blindPresenceFor(services: () => Services): (roomName: string) => PresenceShown | null {
  return (roomName) => {
    const room = parseRoomName(roomName);
    // The transcript's text and its discussion: where someone is, and what they are typing about.
    if (room?.kind !== "transcript" && room?.kind !== "discussion") return null;
    const { projectId, transcriptId } = room;
    if (transcriptId === null) return null;
    return (principal, json) => {
      if (principal === null || json === "null") return json;
      if (!services().rounds.codesBlind(projectId, transcriptId, principal)) return json;
      const { user } = JSON.parse(json) as { user?: unknown };
      return JSON.stringify(user === undefined ? {} : { user });
    };
  };
}
