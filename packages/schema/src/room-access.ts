import type { Role } from "./roles";
import type { RoomName } from "./room-names";
import { layerExists, mayReadLayer, mayWriteLayer, type RoundFacts } from "./rounds";

/** What a connection may do in a room: write, only read (presence still flows), or nothing. */
export type RoomAccess = "read-write" | "read-only" | null;

/** The facts about a project that change who may write where. */
export interface ProjectState {
  readonly archived: boolean;
  readonly codebookLocked: boolean;
}

/**
 * Who may open which room, from the room's kind, the person's role and the project's state:
 *
 * - project room (codebook, memos, transcript list): owners and coders write; observers read. A
 *   locked codebook is the document rules' to enforce (coders still write the project's memos).
 * - transcript room: owners and coders write; observers read.
 * - blind layer: exists only for a round (`round`, the one its name names) that includes its
 *   transcript and its coder. Its coder writes while the round is open and reads it after; owners
 *   read it before reveal only if the round was made with monitor on; after reveal every member reads.
 * - discussion room: every member reads; nobody writes (comments go through the API, and the server
 *   writes them, so that who wrote what is the server's fact, and observers can comment too).
 * - meeting room: owners and coders write (the document rules say what: the facilitator's place,
 *   rationales); observers attend and read.
 * - inbox room: only its owner reads; only the server writes. It belongs to no project, so its
 *   access is decided by {@link inboxAccess}, never here.
 * - an archived project is read-only for everyone.
 */
export function roomAccess(
  room: RoomName,
  userId: string,
  role: Role | null,
  project: ProjectState,
  round: RoundFacts | null = null,
): RoomAccess {
  if (!role) return null;
  let access: RoomAccess;
  switch (room.kind) {
    case "project":
      access = role === "observer" ? "read-only" : "read-write";
      break;
    case "transcript":
      access = role === "observer" ? "read-only" : "read-write";
      break;
    case "layer":
      if (!round || !layerExists(round, room.transcriptId, room.userId)) return null;
      if (mayWriteLayer(round, room.userId, userId, role)) access = "read-write";
      else access = mayReadLayer(round, room.userId, userId, role) ? "read-only" : null;
      break;
    case "discussion":
      access = "read-only";
      break;
    case "meeting":
      access = role === "observer" ? "read-only" : "read-write";
      break;
    case "inbox":
      return null;
  }
  if (access && project.archived) return "read-only";
  return access;
}

/** Who may open an inbox room: the person whose inbox it is, to read. */
export function inboxAccess(room: { readonly userId: string }, userId: string): RoomAccess {
  return room.userId === userId ? "read-only" : null;
}
