import { Hono } from "hono";
import { z } from "zod";
import type { Services } from "../../services";
import { type ApiEnv, requireUser } from "../authentication";
import { readBody } from "../validation";

const readBodySchema = z.union([
  z.object({ all: z.literal(true) }),
  z.object({ ids: z.array(z.string().max(64)).min(1).max(500) }),
]);

/** The signed-in person's inbox under /api/inbox: mentions, newest first, and what is unread. */
export function inboxRoutes(services: Services): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  app.get("/", (c) => {
    const user = requireUser(c);
    return c.json(services.notifications.list(user.id));
  });
  app.post("/read", async (c) => {
    const user = requireUser(c);
    const body = await readBody(c, readBodySchema);
    const changed = services.notifications.markRead(user.id, "all" in body ? null : body.ids);
    return c.json({ changed, unread: services.notifications.unreadCount(user.id) });
  });
  return app;
}
