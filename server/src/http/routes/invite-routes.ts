import { hasAtLeast } from "@concord/schema";
import { Hono } from "hono";
import type { Invite } from "../../projects/invite-store";
import type { Services } from "../../services";
import { notFound } from "../api-error";
import { type ApiEnv, requireUser } from "../authentication";

/**
 * Adds `userId` to the invite's project with the invite's role; someone already in the project keeps
 * the more powerful of their role and the invite's. Returns the project id.
 */
export function joinThroughInvite(services: Services, invite: Invite, userId: string): string {
  const current = services.projects.roleOf(invite.projectId, userId);
  if (!current || !hasAtLeast(current, invite.role))
    services.projects.setRole(invite.projectId, userId, invite.role);
  services.invites.recordAcceptance(invite.id);
  services.audit.record({
    actorId: userId,
    action: "member.join",
    projectId: invite.projectId,
    subject: userId,
    detail: { role: invite.role, invite: invite.id },
  });
  services.liveAccess.refreshProject(invite.projectId);
  return invite.projectId;
}

function liveInvite(services: Services, token: string): Invite {
  const invite = services.invites.resolve(token);
  if (!invite)
    throw notFound("This invite link has expired or been revoked. Ask the project owner for a new one.");
  return invite;
}

/** What an invite link offers (shown before signing up) and accepting it, under /api/invites. */
export function inviteRoutes(services: Services): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();

  // Open to anyone holding the link: the page shows what they are joining before they sign up.
  app.get("/:inviteToken", (c) => {
    const invite = liveInvite(services, c.req.param("inviteToken"));
    const project = services.projects.get(invite.projectId);
    if (!project) throw notFound("This project no longer exists.");
    return c.json({ projectName: project.name, role: invite.role, expiresAt: invite.expiresAt });
  });

  app.post("/:inviteToken/accept", (c) => {
    const user = requireUser(c);
    const invite = liveInvite(services, c.req.param("inviteToken"));
    const projectId = joinThroughInvite(services, invite, user.id);
    return c.json({ projectId, role: services.projects.roleOf(projectId, user.id) });
  });

  return app;
}
