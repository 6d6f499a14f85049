import { hasAtLeast, type Role } from "@concord/schema";
import type { Context } from "hono";
import type { Project } from "../projects/project-store";
import type { Services } from "../services";
import { forbidden, notFound } from "./api-error";
import { type ApiEnv, requireUser } from "./authentication";

const roleWords: Record<Role, string> = { owner: "an owner", coder: "a coder", observer: "a member" };

/**
 * The project named in the path, if the signed-in user has at least `minimum` role in it; otherwise
 * 401 (not signed in), 403 (not a member, or too junior) or 404 (no such project, for members of
 * nothing). Every project route starts here, before it reads or changes anything.
 */
export function requireProjectRole(
  c: Context<ApiEnv>,
  services: Services,
  minimum: Role,
): { project: Project; role: Role; userId: string } {
  const user = requireUser(c);
  const projectId = c.req.param("projectId") ?? "";
  const role = services.projects.roleOf(projectId, user.id);
  if (!role) {
    if (!services.projects.get(projectId)) throw notFound("There is no such project.");
    throw forbidden("You are not a member of this project.");
  }
  if (!hasAtLeast(role, minimum)) throw forbidden(`Only ${roleWords[minimum]} of this project can do that.`);
  const project = services.projects.get(projectId);
  if (!project) throw notFound("There is no such project.");
  return { project, role, userId: user.id };
}

/** Refuses a change to an archived project's content (it is read-only until an owner unarchives it). */
export function requireActiveProject(project: Project, what: string): void {
  if (project.archivedAt !== null) throw forbidden(`This project is archived: ${what}. Unarchive it first.`);
}
