import { isRole, type Role } from "@concord/schema";
import { Hono } from "hono";
import { z } from "zod";
import { LastOwnerError } from "../../projects/project-store";
import type { Services } from "../../services";
import { conflict, forbidden, notFound } from "../api-error";
import { type ApiEnv, expectedOrigin, requireUser } from "../authentication";
import { requireProjectRole } from "../project-access";
import { readBody } from "../validation";

const name = z.string().trim().min(1, "Give the project a name.").max(200);
const role = z.string().refine(isRole, "Choose owner, coder or observer.") as unknown as z.ZodType<Role>;

const createBody = z.object({ name });
const updateBody = z
  .object({ name: name.optional(), archived: z.boolean().optional(), codebookLocked: z.boolean().optional() })
  .refine((b) => Object.keys(b).length > 0, "Nothing to change.");
const addMemberBody = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid email address."),
  role,
});
const roleBody = z.object({ role });
const inviteBody = z.object({
  role,
  expiresInDays: z
    .number()
    .int()
    .min(1, "An invite must last at least a day.")
    .max(90, "An invite can last 90 days at most."),
});

const DAY = 24 * 60 * 60 * 1000;

function withLastOwnerCheck<T>(change: () => T): T {
  try {
    return change();
  } catch (error) {
    if (error instanceof LastOwnerError) throw conflict(error.message);
    throw error;
  }
}

/** Projects, members and invite management under /api/projects. */
export function projectRoutes(services: Services): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  const { projects, invites, audit, liveAccess } = services;

  app.get("/", (c) => c.json({ projects: projects.listFor(requireUser(c).id) }));

  app.post("/", async (c) => {
    const user = requireUser(c);
    const body = await readBody(c, createBody);
    const project = projects.create(body.name, user.id);
    audit.record({
      actorId: user.id,
      action: "project.create",
      projectId: project.id,
      detail: { name: project.name },
    });
    return c.json({ project: { ...project, role: "owner" } }, 201);
  });

  app.get("/:projectId", (c) => {
    const { project, role } = requireProjectRole(c, services, "observer");
    return c.json({ project: { ...project, role } });
  });

  app.patch("/:projectId", async (c) => {
    const { project, userId } = requireProjectRole(c, services, "owner");
    const body = await readBody(c, updateBody);
    const updated = projects.update(project.id, body);
    audit.record({ actorId: userId, action: "project.update", projectId: project.id, detail: body });
    liveAccess.refreshProject(project.id);
    return c.json({ project: { ...updated, role: "owner" } });
  });

  app.get("/:projectId/members", (c) => {
    const { project } = requireProjectRole(c, services, "observer");
    return c.json({ members: projects.members(project.id) });
  });

  // Adding someone by email offers them the place: nothing here says whether the address has an
  // account, and nobody joins a project without saying yes (see /api/offers).
  app.post("/:projectId/members", async (c) => {
    const { project, userId } = requireProjectRole(c, services, "owner");
    const body = await readBody(c, addMemberBody);
    services.offers.offer({ projectId: project.id, email: body.email, role: body.role, offeredBy: userId });
    audit.record({
      actorId: userId,
      action: "member.offer",
      projectId: project.id,
      detail: { role: body.role },
    });
    return c.json(
      {
        offered: { email: body.email, role: body.role },
        message: `Whoever signs in with ${body.email} will find the invitation on their list of projects.`,
      },
      202,
    );
  });

  app.get("/:projectId/offers", (c) => {
    const { project } = requireProjectRole(c, services, "owner");
    return c.json({ offers: services.offers.forProject(project.id) });
  });

  app.delete("/:projectId/offers/:offerId", (c) => {
    const { project } = requireProjectRole(c, services, "owner");
    const offer = services.offers.get(c.req.param("offerId"));
    if (!offer || offer.projectId !== project.id)
      throw notFound("There is no such invitation in this project.");
    services.offers.remove(offer.id);
    return c.json({ removed: true });
  });

  app.patch("/:projectId/members/:userId", async (c) => {
    const { project, userId } = requireProjectRole(c, services, "owner");
    const memberId = c.req.param("userId");
    const body = await readBody(c, roleBody);
    if (!projects.roleOf(project.id, memberId))
      throw notFound("That person is not a member of this project.");
    withLastOwnerCheck(() => projects.setRole(project.id, memberId, body.role));
    audit.record({
      actorId: userId,
      action: "member.role",
      projectId: project.id,
      subject: memberId,
      detail: { role: body.role },
    });
    liveAccess.refreshProject(project.id);
    return c.json({ members: projects.members(project.id) });
  });

  app.delete("/:projectId/members/:userId", (c) => {
    const memberId = c.req.param("userId");
    const self = requireUser(c).id === memberId;
    // Anyone may leave; only owners may remove others.
    const { project, userId } = requireProjectRole(c, services, self ? "observer" : "owner");
    if (!withLastOwnerCheck(() => projects.removeMember(project.id, memberId))) {
      throw notFound("That person is not a member of this project.");
    }
    audit.record({
      actorId: userId,
      action: self ? "member.leave" : "member.remove",
      projectId: project.id,
      subject: memberId,
    });
    liveAccess.refreshProject(project.id);
    return c.json({ removed: true });
  });

  app.get("/:projectId/invites", (c) => {
    const { project } = requireProjectRole(c, services, "owner");
    return c.json({ invites: invites.list(project.id) });
  });

  app.post("/:projectId/invites", async (c) => {
    const { project, userId } = requireProjectRole(c, services, "owner");
    if (project.archivedAt !== null)
      throw forbidden("This project is archived. Unarchive it to invite people.");
    const body = await readBody(c, inviteBody);
    const { token, invite } = invites.create({
      projectId: project.id,
      role: body.role,
      createdBy: userId,
      expiresAt: Date.now() + body.expiresInDays * DAY,
    });
    audit.record({
      actorId: userId,
      action: "invite.create",
      projectId: project.id,
      subject: invite.id,
      detail: { role: body.role },
    });
    const origin = expectedOrigin(c, services.config.publicUrl) ?? "";
    return c.json({ invite, token, url: `${origin}/invite/${token}` }, 201);
  });

  app.delete("/:projectId/invites/:inviteId", (c) => {
    const { project, userId } = requireProjectRole(c, services, "owner");
    const inviteId = c.req.param("inviteId");
    if (!invites.revoke(project.id, inviteId)) throw notFound("There is no such active invite.");
    audit.record({ actorId: userId, action: "invite.revoke", projectId: project.id, subject: inviteId });
    return c.json({ revoked: true });
  });

  app.get("/:projectId/activity", (c) => {
    const { project } = requireProjectRole(c, services, "owner");
    return c.json({ activity: audit.forProject(project.id) });
  });

  return app;
}
