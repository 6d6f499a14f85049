import { Hono } from "hono";
import { z } from "zod";
import type { Services } from "../../services";
import { notFound } from "../api-error";
import { type ApiEnv, requireSession, requireUser } from "../authentication";
import { readBody } from "../validation";

const createBody = z.object({
  name: z.string().trim().min(1, "Name the token after the script that will use it.").max(100),
  expiresInDays: z
    .number()
    .int()
    .min(1, "A token must last at least a day.")
    .max(366, "A token can last a year at most."),
});

const DAY = 24 * 60 * 60 * 1000;

/** Personal API tokens under /api/tokens. Creating one needs a browser session, not another token. */
export function tokenRoutes(services: Services): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();

  app.get("/", (c) => c.json({ tokens: services.tokens.list(requireUser(c).id) }));

  app.post("/", async (c) => {
    const { user } = requireSession(c);
    const body = await readBody(c, createBody);
    const { token, record } = services.tokens.create(
      user.id,
      body.name,
      Date.now() + body.expiresInDays * DAY,
    );
    services.audit.record({
      actorId: user.id,
      action: "token.create",
      subject: record.id,
      detail: { name: record.name },
    });
    return c.json({ token, record }, 201);
  });

  app.delete("/:tokenId", (c) => {
    const user = requireUser(c);
    const id = c.req.param("tokenId");
    if (!services.tokens.revoke(user.id, id)) throw notFound("You have no such active token.");
    services.liveAccess.closeCredentials((credential) => credential === `token:${id}`);
    services.audit.record({ actorId: user.id, action: "token.revoke", subject: id });
    return c.json({ revoked: true });
  });

  return app;
}
