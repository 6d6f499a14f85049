import { parseRoomName } from "@concord/schema";
import type { Connection, UpdatePolicy } from "@concord/sync";
import {
  reviewProjectUpdate,
  reviewServerWrittenUpdate,
  reviewTranscriptUpdate,
  type Writer,
} from "./document-rules";

/** The writer behind a connection as the server knows them at this moment, or null if none. */
export type WriterLookup = (projectId: string, connection: Connection) => Writer | null;

/**
 * The policy a room asks before storing a client's update, chosen by the room's name. `writerOf`
 * reads the sender's role afresh for every update, so a role changed a moment ago already counts.
 */
export function documentPolicy(
  roomName: string,
  writerOf: WriterLookup,
  now: () => number = Date.now,
): UpdatePolicy {
  const room = parseRoomName(roomName);
  return {
    review(_doc, changes, connection) {
      if (!room || room.kind === "discussion" || room.kind === "inbox") return reviewServerWrittenUpdate();
      const writer = writerOf(room.projectId, connection);
      if (!writer) return { accepted: false, reason: "not a member of this project" };
      switch (room.kind) {
        case "transcript":
          return reviewTranscriptUpdate(changes, writer, now());
        case "project":
          return reviewProjectUpdate(changes, writer);
        case "layer":
          return { accepted: false, reason: "there are no coding rounds yet" };
      }
    },
  };
}
