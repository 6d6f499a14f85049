import { formatRoomName, isId, listCodes } from "@concord/schema";
import { Hono } from "hono";
import type { Services } from "../../services";
import { notFound } from "../api-error";
import type { ApiEnv } from "../authentication";
import { requireProjectRole } from "../project-access";

/**
 * A code's history under /api/projects/:projectId/codes/:codeId/history: every change the server
 * accepted to it, oldest first, with who made it, each field before and after, and the meeting
 * item (and decision) behind it. Every member reads it.
 */
export function codeRoutes(services: Services): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  app.get("/:codeId/history", async (c) => {
    const { project } = requireProjectRole(c, services, "observer");
    const codeId = c.req.param("codeId");
    if (!isId(codeId)) throw notFound("There is no such code in this project.");
    const changes = services.codeHistory.forCode(project.id, codeId);
    if (changes.length === 0) {
      const codebook = await services.rooms.read(formatRoomName({ kind: "project", projectId: project.id }));
      if (!listCodes(codebook).some((code) => code.id === codeId))
        throw notFound("There is no such code in this project.");
    }
    return c.json({ changes });
  });
  return app;
}
