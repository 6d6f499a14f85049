import { formatRoomName, parseRoomName, projectMeta, roomAccess } from "@concord/schema";
import { CloseCode, type RoomRegistry } from "@concord/sync";
import type { ProjectStore } from "../projects/project-store";
import type { RoundStore } from "../projects/round-store";

/** Keeps open sync connections in step with memberships and project settings. */
export interface LiveAccess {
  /**
   * Re-decides every open connection to the project's rooms: closes those that lost access (4403)
   * and downgrades or upgrades the rest (a round closed or revealed included). Synchronous, so it has
   * taken effect when it returns. Also tells open pages (the project room's `meta.projectChangedAt`)
   * to fetch the project again.
   */
  refreshProject(projectId: string): void;
  /**
   * Closes every sync connection opened with a credential `select` picks (a session that signed out,
   * a revoked token), with 4401 so the client stops retrying with it.
   */
  closeCredentials(select: (credential: string, userId: string | null) => boolean): void;
  /** Closes every connection to one room, with `code`. */
  closeRoom(room: string, code: number, reason: string): void;
  /** Closes every connection to a transcript's rooms: its text, its discussion, its layers. */
  closeTranscriptRooms(projectId: string, transcriptId: string, code: number, reason: string): void;
  /**
   * Tells everyone in the project's room that its transcript list changed, so their lists refresh.
   * Nobody in the room: nothing to tell, since clients fetch the list when they open the project.
   */
  signalTranscriptsChanged(projectId: string): Promise<void>;
  /** Tells everyone in the project's room that a discussion changed, so open-thread lists refresh. */
  signalThreadsChanged(projectId: string): Promise<void>;
  /** Tells these people's open inboxes that something arrived, so the count rises at once. */
  signalInboxes(userIds: readonly string[]): Promise<void>;
}

/** The {@link LiveAccess} over the loaded rooms of `registry`. */
export function createLiveAccess(
  registry: RoomRegistry,
  projects: ProjectStore,
  rounds: RoundStore,
): LiveAccess {
  return {
    refreshProject(projectId) {
      const project = projects.get(projectId);
      // Open pages refetch the project (its lock, their role) when the server touches this.
      registry
        .loadedRoom(formatRoomName({ kind: "project", projectId }))
        ?.applyServerChange((doc) => projectMeta(doc).set("projectChangedAt", Date.now()))
        .catch(() => {});
      for (const room of registry.loadedRooms()) {
        const name = parseRoomName(room.name);
        if (!name || name.kind === "inbox" || name.projectId !== projectId) continue;
        const round = name.kind === "layer" ? rounds.get(projectId, name.roundId) : null;
        room.reauthorize((connection) => {
          if (!project || connection.principal === null) return null;
          const role = projects.roleOf(projectId, connection.principal);
          return roomAccess(
            name,
            connection.principal,
            role,
            { archived: project.archivedAt !== null, codebookLocked: project.codebookLocked },
            round,
          );
        }, CloseCode.forbidden);
      }
    },
    closeRoom(room, code, reason) {
      registry.loadedRoom(room)?.closeConnections(() => true, code, reason);
    },
    closeTranscriptRooms(projectId, transcriptId, code, reason) {
      for (const room of registry.loadedRooms()) {
        const name = parseRoomName(room.name);
        if (
          name &&
          name.kind !== "inbox" &&
          name.kind !== "project" &&
          name.kind !== "meeting" &&
          name.projectId === projectId
        ) {
          if (name.transcriptId === transcriptId) room.closeConnections(() => true, code, reason);
        }
      }
    },
    async signalTranscriptsChanged(projectId) {
      await registry
        .loadedRoom(formatRoomName({ kind: "project", projectId }))
        ?.applyServerChange((doc) => projectMeta(doc).set("transcriptsChangedAt", Date.now()));
    },
    async signalThreadsChanged(projectId) {
      await registry
        .loadedRoom(formatRoomName({ kind: "project", projectId }))
        ?.applyServerChange((doc) => projectMeta(doc).set("threadsChangedAt", Date.now()));
    },
    async signalInboxes(userIds) {
      await Promise.all(
        userIds.map((userId) =>
          registry
            .loadedRoom(formatRoomName({ kind: "inbox", userId }))
            ?.applyServerChange((doc) => doc.getMap("inbox").set("changedAt", Date.now())),
        ),
      );
    },
    closeCredentials(select) {
      for (const room of registry.loadedRooms()) {
        room.closeConnections(
          (connection) =>
            connection.credential !== null && select(connection.credential, connection.principal),
          CloseCode.unauthorized,
          "signed out",
        );
      }
    },
  };
}
