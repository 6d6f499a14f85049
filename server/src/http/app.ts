import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import type { Logger, RoomRegistry } from "@concord/sync";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { secureHeaders } from "hono/secure-headers";
import type { Services } from "../services";
import { ApiError, ErrorCode, notFound } from "./api-error";
import { type ApiEnv, authenticate } from "./authentication";
import { authRoutes } from "./routes/auth-routes";
import { codeRoutes } from "./routes/code-routes";
import { demoRoutes } from "./routes/demo-routes";
import { discussionRoutes } from "./routes/discussion-routes";
import { inboxRoutes } from "./routes/inbox-routes";
import { inviteRoutes } from "./routes/invite-routes";
import { meetingRoutes } from "./routes/meeting-routes";
import { offerRoutes } from "./routes/offer-routes";
import { projectRoutes } from "./routes/project-routes";
import { roundRoutes } from "./routes/round-routes";
import { tokenRoutes } from "./routes/token-routes";
import { transcriptRoutes } from "./routes/transcript-routes";

/** What the HTTP app is built from. */
export interface AppOptions {
  readonly services: Services;
  readonly registry: RoomRegistry;
  readonly logger: Logger;
  /** Folder of the built web app, or null to serve the API only. */
  readonly webRoot: string | null;
  /** False while the server is shutting down; /healthz then answers 503. */
  readonly isServing: () => boolean;
}

const MAX_API_BODY_BYTES = 1024 * 1024;
// A whole transcript arrives as one JSON body; a 20 MB file's text fits well inside this.
const MAX_TRANSCRIPT_BODY_BYTES = 48 * 1024 * 1024;

/** Builds the Hono app: health, sync, the JSON API, and the web app's files. */
export function createApp(options: AppOptions): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();

  app.use(
    "*",
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        connectSrc: ["'self'", "ws:", "wss:"],
        imgSrc: ["'self'", "data:", "blob:"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
    }),
  );

  app.get("/healthz", (c) => {
    if (!options.isServing()) return c.json({ status: "shutting-down" }, 503);
    return c.json({ status: "ok", storage: "sqlite", rooms: options.registry.loadedRooms().length });
  });

  // Websocket upgrades of /sync/:room are taken by the HTTP server itself (sync-route.ts).
  app.get("/sync/:room", (c) =>
    c.json({ error: ErrorCode.badRequest, message: "Open this with a websocket." }, 426),
  );

  const tooLarge = () => {
    throw new ApiError(413, ErrorCode.payloadTooLarge, "The request is too large.");
  };
  const transcriptLimit = bodyLimit({ maxSize: MAX_TRANSCRIPT_BODY_BYTES, onError: tooLarge });
  const defaultLimit = bodyLimit({ maxSize: MAX_API_BODY_BYTES, onError: tooLarge });
  app.use("/api/*", (c, next) =>
    c.req.method === "POST" && /^\/api\/projects\/[^/]+\/transcripts$/.test(c.req.path)
      ? transcriptLimit(c, next)
      : defaultLimit(c, next),
  );
  app.use("/api/*", authenticate(options.services));
  app.route("/api/auth", authRoutes(options.services));
  app.route("/api/tokens", tokenRoutes(options.services));
  app.route("/api/projects", projectRoutes(options.services));
  app.route("/api/projects/:projectId/transcripts", transcriptRoutes(options.services));
  app.route("/api/projects/:projectId/discussions", discussionRoutes(options.services));
  app.route("/api/projects/:projectId/rounds", roundRoutes(options.services));
  app.route("/api/projects/:projectId/meetings", meetingRoutes(options.services));
  app.route("/api/projects/:projectId/codes", codeRoutes(options.services));
  app.route("/api/inbox", inboxRoutes(options.services));
  app.route("/api/invites", inviteRoutes(options.services));
  app.route("/api/offers", offerRoutes(options.services));
  app.route("/api/demo-project", demoRoutes(options.services));
  app.all("/api/*", () => {
    throw notFound("There is no such API route.");
  });

  if (options.webRoot && existsSync(options.webRoot)) {
    const root = relative(process.cwd(), options.webRoot) || ".";
    const indexPath = join(options.webRoot, "index.html");
    app.use("/*", serveStatic({ root }));
    // Client-side routes all load the single page.
    app.get("*", async (c) => c.html(await readFile(indexPath, "utf8")));
  }

  app.notFound((c) => c.json({ error: ErrorCode.notFound, message: "Nothing here." }, 404));

  app.onError((error, c) => {
    if (error instanceof ApiError) {
      return c.json({ error: error.code, message: error.message }, error.status, error.headers);
    }
    options.logger.error({ err: error, path: c.req.path }, "unhandled error");
    return c.json({ error: ErrorCode.internal, message: "Something went wrong on the server." }, 500);
  });

  return app;
}
