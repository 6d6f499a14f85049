import { hasAtLeast } from "@concord/schema";
import { Hono } from "hono";
import type { Services } from "../../services";
import { forbidden, notFound } from "../api-error";
import { type ApiEnv, requireUser } from "../authentication";

/** The signed-in person's offers of membership (made to their email), under /api/offers. */
export function offerRoutes(services: Services): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  const mine = (c: Parameters<typeof requireUser>[0], offerId: string) => {
    const user = requireUser(c);
    const offer = services.offers.get(offerId);
    if (!offer) throw notFound("There is no such invitation.");
    if (offer.email !== user.email.toLowerCase()) throw forbidden("This invitation is for someone else.");
    return { user, offer };
  };

  app.get("/", (c) => c.json({ offers: services.offers.forEmail(requireUser(c).email) }));

  app.post("/:offerId/accept", (c) => {
    const { user, offer } = mine(c, c.req.param("offerId"));
    const current = services.projects.roleOf(offer.projectId, user.id);
    if (!current || !hasAtLeast(current, offer.role))
      services.projects.setRole(offer.projectId, user.id, offer.role);
    services.offers.remove(offer.id);
    services.audit.record({
      actorId: user.id,
      action: "member.join",
      projectId: offer.projectId,
      subject: user.id,
      detail: { role: offer.role, offer: offer.id },
    });
    services.liveAccess.refreshProject(offer.projectId);
    return c.json({ projectId: offer.projectId });
  });

  app.delete("/:offerId", (c) => {
    const { offer } = mine(c, c.req.param("offerId"));
    services.offers.remove(offer.id);
    return c.json({ declined: true });
  });
  return app;
}
