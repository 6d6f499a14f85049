import { inboxAccess, layerExists, parseRoomName, roomAccess } from "@concord/schema";
import { type Access, CloseCode } from "@concord/sync";
import { getCookie } from "hono/cookie";
import { credentialOf, isSameOrigin, resolvePrincipal, SESSION_COOKIE } from "../http/authentication";
import type { Services } from "../services";
import type { RoomAuthorizer } from "./room-authorizer";

/**
 * Authorizes sync connections from the room name: the caller must be signed in (session cookie from
 * Concord's own pages, or a personal API token in the `token` query parameter, which the stock
 * provider sends through its `params` option) and have a role in the room's project that
 * {@link roomAccess} allows.
 */
export function createMembershipAuthorizer(services: Services): RoomAuthorizer {
  return {
    authorize(c, roomName) {
      const room = parseRoomName(roomName);
      if (!room) return { allowed: false, code: CloseCode.notFound, reason: "no such room" };
      const token = c.req.query("token") ?? null;
      const cookie = token ? null : (getCookie(c, SESSION_COOKIE) ?? null);
      // A page on another site could open a websocket with our cookie; browsers always send Origin.
      if (cookie && !isSameOrigin(c, services.config.publicUrl)) {
        return { allowed: false, code: CloseCode.forbidden, reason: "cross-site connection refused" };
      }
      const principal = resolvePrincipal(services, { bearer: token, cookie });
      if (!principal) return { allowed: false, code: CloseCode.unauthorized, reason: "sign in first" };
      // An open socket is in use: checking it again keeps an idle session alive, until its end.
      const allow = (access: Access) => ({
        allowed: true as const,
        principal: principal.user.id,
        credential: credentialOf(principal),
        access,
        stillSignedIn: signInCheck(services, token, cookie, principal.user.id),
      });
      if (room.kind === "inbox") {
        const access = inboxAccess(room, principal.user.id);
        if (!access) return { allowed: false, code: CloseCode.forbidden, reason: "not your inbox" };
        return allow(access);
      }
      const project = services.projects.get(room.projectId);
      const role = project ? services.projects.roleOf(project.id, principal.user.id) : null;
      if (!project || !role)
        return { allowed: false, code: CloseCode.forbidden, reason: "not allowed in this room" };
      // A layer exists only for a round of its project that includes its transcript and its coder.
      const round = room.kind === "layer" ? services.rounds.get(room.projectId, room.roundId) : null;
      if (room.kind === "layer" && (!round || !layerExists(round, room.transcriptId, room.userId))) {
        return { allowed: false, code: CloseCode.notFound, reason: "no such layer" };
      }
      const state = { archived: project.archivedAt !== null, codebookLocked: project.codebookLocked };
      const access = roomAccess(room, principal.user.id, role, state, round);
      if (!access) return { allowed: false, code: CloseCode.forbidden, reason: "not allowed in this room" };
      // Transcript, layer and transcript discussion rooms exist only for transcripts the project has (and has not deleted).
      // A meeting room exists only for a meeting of its project.
      if (room.kind === "meeting") {
        if (!services.meetings.get(room.projectId, room.meetingId))
          return { allowed: false, code: CloseCode.notFound, reason: "no such meeting" };
        // Attendance is who opened the meeting's room, as the server let them in.
        services.meetings.noteAttendance(room.meetingId, principal.user.id);
      }
      const transcriptId = room.kind === "project" || room.kind === "meeting" ? null : room.transcriptId;
      if (transcriptId !== null && !services.transcripts.get(room.projectId, transcriptId)) {
        return { allowed: false, code: CloseCode.notFound, reason: "no such transcript" };
      }
      return allow(access);
    },
  };
}

/**
 * Whether the credential a socket opened with still signs in the same person. Made outside the
 * authorizer so that an open socket keeps only these, not the user's record, and owns copies of
 * the secrets: a token read from the query is a slice of the whole request URL.
 */
function signInCheck(
  services: Services,
  token: string | null,
  cookie: string | null,
  userId: string,
): () => boolean {
  const credentials = { bearer: ownCopy(token), cookie: ownCopy(cookie) };
  return () => resolvePrincipal(services, credentials)?.user.id === userId;
}

function ownCopy(text: string | null): string | null {
  return text === null ? null : Buffer.from(text, "utf8").toString("utf8");
}
