import { randomUUID } from "node:crypto";
import { parseRoomName } from "@concord/schema";
import {
  CloseCode,
  encodePermissionDenied,
  type Logger,
  type RoomRegistry,
  type SyncSocket,
} from "@concord/sync";
import { upgradeWebSocket } from "@hono/node-server";
import type { Context } from "hono";
import type { WebSocket } from "ws";
import type { RoomAuthorizer } from "./room-authorizer";

/** What the sync route needs from the rest of the server. */
export interface SyncRouteOptions {
  readonly registry: RoomRegistry;
  readonly authorizer: RoomAuthorizer;
  readonly logger: Logger;
  /** How often an open connection's credential is checked again. */
  readonly credentialCheckMs?: number;
}

/**
 * The `/sync/:room` handler: authorizes before any data moves, then hands the socket to the room
 * registry. A refusal still completes the upgrade, so the client gets y-protocols' "permission
 * denied" message and a close code it can act on, instead of an anonymous network error.
 */
export function createSyncHandler({
  registry,
  authorizer,
  logger,
  credentialCheckMs = 30_000,
}: SyncRouteOptions) {
  return upgradeWebSocket(async (c: Context) => {
    const room = c.req.param("room") ?? "";
    const conn = randomUUID();
    const log = logger.child({ room, conn });
    const decision = parseRoomName(room)
      ? await authorizer.authorize(c, room)
      : ({ allowed: false, code: CloseCode.notFound, reason: "no such room" } as const);
    let session: ReturnType<RoomRegistry["connect"]> | null = null;
    let recheck: ReturnType<typeof setInterval> | null = null;
    return {
      onOpen(_event, ws) {
        if (!decision.allowed) {
          log.info({ code: decision.code }, "refused a sync connection");
          const raw = ws.raw as WebSocket;
          raw.send(encodePermissionDenied(decision.reason));
          raw.close(decision.code, decision.reason);
          return;
        }
        const raw = ws.raw as WebSocket;
        const socket: SyncSocket = {
          send: (message) => raw.send(message),
          close: (code, reason) => raw.close(code, reason),
          get bufferedAmount() {
            return raw.bufferedAmount;
          },
        };
        session = registry.connect(room, socket, {
          id: conn,
          principal: decision.principal,
          credential: decision.credential ?? null,
          access: decision.access,
        });
        log.debug({ access: decision.access }, "sync connection opened");
        const { stillSignedIn } = decision;
        if (stillSignedIn) {
          // A session that expires, or a token that runs out, ends the sockets opened with it.
          recheck = setInterval(() => {
            if (stillSignedIn()) return;
            log.info({}, "closing a sync connection whose sign-in expired");
            raw.send(encodePermissionDenied("your sign-in has expired"));
            raw.close(CloseCode.unauthorized, "sign-in expired");
          }, credentialCheckMs);
          recheck.unref();
        }
      },
      onMessage(event, ws) {
        if (!session) return;
        if (!(event.data instanceof ArrayBuffer)) {
          log.warn({}, "closing a connection that sent a text frame");
          ws.close(CloseCode.badRequest, "binary messages only");
          return;
        }
        session.receive(new Uint8Array(event.data));
      },
      onClose(event) {
        if (recheck) clearInterval(recheck);
        session?.closed();
        session = null;
        log.debug({ code: event.code }, "sync connection closed");
      },
      onError(event) {
        const error = (event as Event & { error?: { code?: string; message?: string } }).error;
        log.warn({ error: error?.code ?? error?.message }, "sync connection error");
      },
    };
  });
}
