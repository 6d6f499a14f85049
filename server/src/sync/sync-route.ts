import { randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { parseRoomName } from "@concord/schema";
import {
  CloseCode,
  encodePermissionDenied,
  type Logger,
  type RoomRegistry,
  type SyncSocket,
  withFields,
} from "@concord/sync";
import { Context } from "hono";
import type { RawData, WebSocket, WebSocketServer } from "ws";
import type { RoomAuthorizer } from "./room-authorizer";

/** What the sync route needs from the rest of the server. */
export interface SyncRouteOptions {
  readonly registry: RoomRegistry;
  readonly authorizer: RoomAuthorizer;
  readonly logger: Logger;
  /** How often an open connection's credential is checked again. */
  readonly credentialCheckMs?: number;
}

const SYNC_PATH = /^\/sync\/([^/]+)$/;

/**
 * Takes the HTTP server's websocket upgrades of `/sync/:room`: authorizes before any data moves,
 * then hands the socket to the room registry. A refusal still completes the upgrade, so the client
 * gets y-protocols' "permission denied" message and a close code it can act on, instead of an
 * anonymous network error.
 *
 * The upgrade is taken here rather than through Hono's websocket helper, which keeps the whole
 * request (its context, headers, URLs) alive for as long as the socket is open: about half of
 * what each of a room's connections held. The authorizer reads a Hono context made for the
 * moment it decides; an open socket keeps only what it needs.
 */
export function createSyncUpgrade(wss: WebSocketServer, options: SyncRouteOptions) {
  const { registry, authorizer, logger, credentialCheckMs = 30_000 } = options;
  // One timer checks every open socket's sign-in again, rather than one timer per socket.
  const rechecks = new Set<() => void>();
  const timer = setInterval(() => {
    for (const recheck of [...rechecks]) recheck();
  }, credentialCheckMs);
  timer.unref();
  return (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const target = requestTarget(request.url);
    const path = target ? SYNC_PATH.exec(target.pathname) : null;
    if (!target) {
      socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    if (!path) {
      socket.end("HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    let room: string;
    try {
      room = decodeURIComponent(path[1] as string);
    } catch {
      room = "";
    }
    // From bytes rather than randomUUID, whose string is a rope of fifteen pieces (480 bytes a socket).
    const conn = randomBytes(12).toString("base64url");
    const log = withFields(logger, { room, conn });
    void decide(authorizer, request, target, room).then(
      (decision) =>
        wss.handleUpgrade(request, socket, head, (ws) => {
          wss.emit("connection", ws);
          serve(ws, decision, { room, conn, log, registry, rechecks });
        }),
      (error: unknown) => {
        // Headers no request can be made of (a malformed Host, say): nothing to talk to.
        log.warn({ error: (error as Error).message }, "dropped an unreadable sync upgrade");
        socket.destroy();
      },
    );
  };
}

/**
 * One open socket's life in its room. A function of its own, so that what its handlers keep is what
 * they name here, not the upgrade's request, socket and head (closures share their scope's context).
 */
function serve(
  ws: WebSocket,
  decision: Awaited<ReturnType<typeof decide>>,
  context: {
    room: string;
    conn: string;
    log: Logger;
    registry: RoomRegistry;
    /** The checks the route's one timer runs: this socket's joins them while it is open. */
    rechecks: Set<() => void>;
  },
): void {
  const { room, conn, log, registry, rechecks } = context;
  if (!decision.allowed) {
    log.info({ code: decision.code }, "refused a sync connection");
    ws.send(encodePermissionDenied(decision.reason));
    ws.close(decision.code, decision.reason);
    return;
  }
  const syncSocket: SyncSocket = new WsSyncSocket(ws);
  let session: ReturnType<RoomRegistry["connect"]> | null = registry.connect(room, syncSocket, {
    id: conn,
    principal: decision.principal,
    credential: decision.credential ?? null,
    access: decision.access,
    logger: log,
  });
  log.debug({ access: decision.access }, "sync connection opened");
  let recheck: (() => void) | null = null;
  const { stillSignedIn } = decision;
  if (stillSignedIn) {
    // A session that expires, or a token that runs out, ends the sockets opened with it.
    recheck = () => {
      if (stillSignedIn()) return;
      log.info({}, "closing a sync connection whose sign-in expired");
      ws.send(encodePermissionDenied("your sign-in has expired"));
      ws.close(CloseCode.unauthorized, "sign-in expired");
    };
    rechecks.add(recheck);
  }
  ws.on("message", (data: RawData, isBinary: boolean) => {
    if (!session) return;
    if (!isBinary) {
      log.warn({}, "closing a connection that sent a text frame");
      ws.close(CloseCode.badRequest, "binary messages only");
      return;
    }
    session.receive(bytesOf(data));
  });
  ws.on("close", (code: number) => {
    if (recheck) rechecks.delete(recheck);
    session?.closed();
    session = null;
    log.debug({ code }, "sync connection closed");
  });
  ws.on("error", (error: Error & { code?: string }) => {
    log.warn({ error: error.code ?? error.message }, "sync connection error");
  });
}

/** A `ws` socket as the room sees it; methods on the class, so a socket costs one small object. */
class WsSyncSocket implements SyncSocket {
  constructor(private readonly ws: WebSocket) {}

  send(message: Uint8Array): void {
    this.ws.send(message);
  }

  close(code: number, reason: string): void {
    this.ws.close(code, reason);
  }

  get bufferedAmount(): number {
    return this.ws.bufferedAmount;
  }
}

/** The authorizer's decision on an upgrade request, read through a Hono context made for it alone. */
async function decide(authorizer: RoomAuthorizer, request: IncomingMessage, target: URL, room: string) {
  if (!parseRoomName(room))
    return { allowed: false, code: CloseCode.notFound, reason: "no such room" } as const;
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (typeof value === "string") headers.set(name, value);
    else if (Array.isArray(value)) for (const each of value) headers.append(name, each);
  }
  // The query (a token) comes from the request target alone, never from what Host says.
  const url = new URL(`${target.pathname}${target.search}`, "http://localhost");
  return authorizer.authorize(new Context(new Request(url, { headers })), room);
}

/** The path and query an upgrade asks for (origin-form or absolute-form), or null if unreadable. */
function requestTarget(url: string | undefined): URL | null {
  try {
    return new URL(url ?? "/", "http://localhost");
  } catch {
    return null;
  }
}

/** A message's bytes as one Uint8Array, whatever form `ws` delivered them in. */
function bytesOf(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
