import { Hono } from "hono";
import { createDemoProject } from "../../demo/create-demo-project";
import type { Services } from "../../services";
import { type ApiEnv, requireUser } from "../authentication";

/** POST /api/demo-project: a demo project, owned by the caller, to try Concord with. */
export function demoRoutes(services: Services): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  app.post("/", (c) => {
    const user = requireUser(c);
    const project = createDemoProject(services.db, services, user.id);
    services.audit.record({ actorId: user.id, action: "project.demo", projectId: project.id });
    return c.json({ project: { ...project, role: "owner" } }, 201);
  });
  return app;
}
