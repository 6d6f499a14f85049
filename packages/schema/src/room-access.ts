import type { Role } from "./roles";
import type { RoomName } from "./room-names";

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
 * - project room (codebook, transcript list): owners write; coders write unless the codebook is
 *   locked; observers read.
 * - transcript room: owners and coders write; observers read.
 * - blind layer: only its own coder writes; owners may monitor (read); nobody else may open it.
 * - an archived project is read-only for everyone.
 */
export function roomAccess(
  room: RoomName,
  userId: string,
  role: Role | null,
  project: ProjectState,
): RoomAccess {
  if (!role) return null;
  let access: RoomAccess;
  switch (room.kind) {
    case "project":
      access =
        role === "observer" || (role === "coder" && project.codebookLocked) ? "read-only" : "read-write";
      break;
    case "transcript":
      access = role === "observer" ? "read-only" : "read-write";
      break;
    case "layer":
      if (room.userId === userId && role !== "observer") access = "read-write";
      else if (role === "owner") access = "read-only";
      else access = null;
      break;
  }
  if (access && project.archived) return "read-only";
  return access;
}
