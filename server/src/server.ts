import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type Logger, RoomRegistry } from "@concord/sync";
import { createAdaptorServer } from "@hono/node-server";
import { WebSocketServer } from "ws";
import type { ServerConfig } from "./config";
import { openDatabase, type SqliteDatabase } from "./db/database";
import { createSqliteDocumentStorage } from "./db/sqlite-document-storage";
import { createSqliteClientLog, createSqliteRefusalLog } from "./db/sqlite-room-facts";
import { createApp } from "./http/app";
import { createLogger } from "./logger";
import { createServices, type Services } from "./services";
import { blindPresenceFor } from "./sync/blind-presence";
import { migrateStoredDocuments } from "./sync/document-migrations";
import { policyFor, recordPolicyEffects } from "./sync/document-policies";
import { createMembershipAuthorizer } from "./sync/membership-authorizer";
import type { RoomAuthorizer } from "./sync/room-authorizer";
import { createSyncUpgrade } from "./sync/sync-route";

/** A running Concord server. */
export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:8080`. */
  readonly url: string;
  readonly port: number;
  readonly db: SqliteDatabase;
  readonly registry: RoomRegistry;
  readonly services: Services;
  /** The method and path of every HTTP route, for the authorization matrix test. */
  readonly routes: readonly { method: string; path: string }[];
  /** Stops accepting, closes every socket, commits and compacts every room, closes storage. */
  close(): Promise<void>;
}

/** Parts a caller may replace (tests pass a silent logger; accounts pass a real authorizer). */
export interface ServerParts {
  readonly logger?: Logger;
  readonly authorizer?: RoomAuthorizer;
  /**
   * Whether rooms ask the document rules before storing an update (default true). Protocol tests
   * that open every room to everyone turn them off, to write arbitrary documents.
   */
  readonly documentRules?: boolean;
}

const PING_INTERVAL_MS = 30_000;

/** Opens storage, then starts the HTTP and websocket server on the configured host and port. */
export async function startServer(config: ServerConfig, parts: ServerParts = {}): Promise<RunningServer> {
  const logger = parts.logger ?? createLogger(config.logLevel);
  const db = openDatabase({ dataDir: config.dataDir, synchronous: config.sqliteSynchronous });
  const documents = createSqliteDocumentStorage(db);
  await migrateStoredDocuments(db, documents, logger);
  // The rooms' policy reads memberships through the services, which need the registry first.
  let services: Services | null = null;
  const theServices = () => services as Services;
  const registry = new RoomRegistry({
    storage: documents,
    logger,
    idleUnloadMs: config.roomIdleMs,
    compactEvery: config.compactEvery,
    ...(parts.documentRules === false ? {} : { policyFor: policyFor(theServices) }),
    presenceShownFor: blindPresenceFor(theServices),
    onAccepted: recordPolicyEffects(theServices, logger),
    refusals: createSqliteRefusalLog(db),
    clients: createSqliteClientLog(db),
    maxDocumentBytes: config.maxDocumentBytes,
    admit: (room, bytes) => theServices().projectStorage.admit(room.name, bytes),
  });
  services = createServices(config, db, registry, documents);
  const unlisted = services.transcripts.removeUnlisted();
  if (unlisted > 0) logger.warn({ updates: unlisted }, "removed the content of imports cut short by a stop");
  let serving = true;
  const authorizer = parts.authorizer ?? createMembershipAuthorizer(services);
  const app = createApp({
    services,
    registry,
    logger,
    webRoot: config.webRoot,
    isServing: () => serving,
  });
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: config.maxMessageBytes,
    perMessageDeflate: false,
  });
  const http = createAdaptorServer({ fetch: app.fetch }) as Server;
  http.on(
    "upgrade",
    createSyncUpgrade(wss, { registry, authorizer, logger, credentialCheckMs: config.credentialCheckMs }),
  );

  // A peer that vanished without closing (laptop lid shut) is found by an unanswered ping.
  const alive = new WeakSet<object>();
  wss.on("connection", (ws) => {
    alive.add(ws);
    ws.on("pong", () => alive.add(ws));
  });
  const pinger = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.has(ws)) {
        ws.terminate();
        continue;
      }
      alive.delete(ws);
      ws.ping();
    }
  }, PING_INTERVAL_MS);
  pinger.unref();

  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen(config.port, config.host, () => {
      http.off("error", reject);
      resolve();
    });
  });
  const { port } = http.address() as AddressInfo;
  const host = config.host.includes(":") ? `[${config.host}]` : config.host;
  const url = `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${port}`;
  logger.info({ url, dataDir: config.dataDir }, "Concord is serving");

  let closing: Promise<void> | null = null;
  return {
    url,
    port,
    db,
    registry,
    services,
    routes: app.routes.map(({ method, path }) => ({ method, path })),
    close() {
      closing ??= (async () => {
        serving = false;
        clearInterval(pinger);
        const stopped = new Promise<void>((resolve) => http.close(() => resolve()));
        await registry.close();
        for (const ws of wss.clients) ws.terminate();
        http.closeAllConnections();
        await stopped;
        await services.imports.close();
        db.close();
        logger.info({}, "Concord stopped");
      })();
      return closing;
    },
  };
}
