import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import type { Logger, RoomRegistry } from "@concord/sync";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import type { RoomAuthorizer } from "../sync/room-authorizer";
import { createSyncHandler } from "../sync/sync-route";

/** What the HTTP app is built from. */
export interface AppOptions {
  readonly registry: RoomRegistry;
  readonly authorizer: RoomAuthorizer;
  readonly logger: Logger;
  /** Folder of the built web app, or null to serve the API only. */
  readonly webRoot: string | null;
  /** False while the server is shutting down; /healthz then answers 503. */
  readonly isServing: () => boolean;
}

/** Builds the Hono app: health, sync, the API (later), and the web app's files. */
export function createApp(options: AppOptions): Hono {
  const app = new Hono();

  app.get("/healthz", (c) => {
    if (!options.isServing()) return c.json({ status: "shutting-down" }, 503);
    return c.json({ status: "ok", storage: "sqlite", rooms: options.registry.loadedRooms().length });
  });

  app.get("/sync/:room", createSyncHandler(options));

  app.all("/api/*", () => {
    throw new HTTPException(404, { message: "No such API route" });
  });

  if (options.webRoot && existsSync(options.webRoot)) {
    const root = relative(process.cwd(), options.webRoot) || ".";
    const indexPath = join(options.webRoot, "index.html");
    app.use("/*", serveStatic({ root }));
    // Client-side routes all load the single page.
    app.get("*", async (c) => c.html(await readFile(indexPath, "utf8")));
  }

  app.notFound((c) => c.json({ error: "not_found", message: "Nothing here" }, 404));

  app.onError((error, c) => {
    if (error instanceof HTTPException) {
      return c.json({ error: codeFor(error.status), message: error.message }, error.status);
    }
    options.logger.error({ err: error, path: c.req.path }, "unhandled error");
    return c.json({ error: "internal", message: "Something went wrong on the server" }, 500);
  });

  return app;
}

function codeFor(status: number): string {
  if (status === 400) return "bad_request";
  if (status === 401) return "unauthorized";
  if (status === 403) return "forbidden";
  if (status === 404) return "not_found";
  return "error";
}
