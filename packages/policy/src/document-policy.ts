import { layerExists, parseRoomName, type RoundFacts } from "@concord/schema";
import type { Connection, UpdatePolicy } from "@concord/sync";
import {
  reviewLayerUpdate,
  reviewProjectUpdate,
  reviewServerWrittenUpdate,
  reviewTranscriptUpdate,
  type Writer,
} from "./document-rules";
import { type MeetingTarget, reviewMeetingUpdate } from "./meeting-rules";

/** The writer behind a connection as the server knows them at this moment, or null if none. */
export type WriterLookup = (projectId: string, connection: Connection) => Writer | null;

/** A project's coding round as the server knows it at this moment, or null if there is none. */
export type RoundLookup = (projectId: string, roundId: string) => RoundFacts | null;

/** A project's meeting as the server knows it at this moment, or null if there is none. */
export type MeetingLookup = (projectId: string, meetingId: string) => MeetingTarget | null;

/** How a room's policy learns about its writer, its round or meeting, and the time. */
export interface PolicyLookups {
  readonly writerOf: WriterLookup;
  readonly roundOf?: RoundLookup;
  readonly meetingOf?: MeetingLookup;
  readonly now?: () => number;
}

/**
 * The policy a room asks before storing a client's update, chosen by the room's name. `writerOf`
 * reads the sender's role afresh for every update, so a role changed a moment ago already counts;
 * `roundOf` reads a layer's round afresh too, so a round closed a moment ago takes no more codings.
 */
export function documentPolicy(roomName: string, lookups: PolicyLookups): UpdatePolicy {
  const { writerOf, roundOf = () => null, meetingOf = () => null, now = Date.now } = lookups;
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
          return reviewProjectUpdate(changes, writer, now());
        case "layer": {
          const round = roundOf(room.projectId, room.roundId);
          if (!round || !layerExists(round, room.transcriptId, room.userId)) {
            return { accepted: false, reason: "no such layer" };
          }
          return reviewLayerUpdate(changes, writer, { coderId: room.userId, round }, now());
        }
        case "meeting": {
          const meeting = meetingOf(room.projectId, room.meetingId);
          if (!meeting) return { accepted: false, reason: "no such meeting" };
          return reviewMeetingUpdate(changes, writer, meeting);
        }
      }
    },
  };
}
