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
} from "@concord/sync";
import { Context } from "hono";
import type { RawData, WebSocket, WebSocketServer } from "ws";
import type { RoomAuthorizer, RoomDecision } from "./room-authorizer";

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
  // One timer checks every open sign-in again, rather than one timer per socket.
  const signIns = new SignIns(logger);
  const timer = setInterval(() => signIns.checkAll(), credentialCheckMs);
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
    void decide(authorizer, request, target, room).then(
      (decision) =>
        wss.handleUpgrade(request, socket, head, (ws) => {
          wss.emit("connection", ws);
          serve(ws, decision, { room, conn, logger, registry, signIns });
        }),
      (error: unknown) => {
        // Headers no request can be made of (a malformed Host, say): nothing to talk to.
        logger.warn({ room, conn, error: (error as Error).message }, "dropped an unreadable sync upgrade");
        socket.destroy();
      },
    );
  };
}

/**
 * One open socket's life in its room. A function of its own, so that what its handlers keep is what
 * they name here, not the upgrade's request, socket and head (closures share their scope's context).
 * Log lines name the room and the connection as they are written: a logger of its own would cost
 * every socket one.
 */
function serve(
  ws: WebSocket,
  decision: Awaited<ReturnType<typeof decide>>,
  context: { room: string; conn: string; logger: Logger; registry: RoomRegistry; signIns: SignIns },
): void {
  const { room, conn, logger, registry, signIns } = context;
  if (!decision.allowed) {
    logger.info({ room, conn, code: decision.code }, "refused a sync connection");
    ws.send(encodePermissionDenied(decision.reason));
    ws.close(decision.code, decision.reason);
    return;
  }
  // Sockets opened with one credential share its check, and its principal's and credential's strings.
  const signIn = signIns.join(decision, ws);
  let session: ReturnType<RoomRegistry["connect"]> | null = registry.connect(room, asSyncSocket(ws), {
    id: conn,
    principal: signIn?.principal ?? decision.principal,
    credential: signIn ? signIn.credential : (decision.credential ?? null),
    access: decision.access,
  });
  logger.debug({ room, conn, access: decision.access }, "sync connection opened");
  ws.on("message", (data: RawData, isBinary: boolean) => {
    if (!session) return;
    if (!isBinary) {
      logger.warn({ room, conn }, "closing a connection that sent a text frame");
      ws.close(CloseCode.badRequest, "binary messages only");
      return;
    }
    session.receive(bytesOf(data));
  });
  ws.on("close", (code: number) => {
    if (signIn) signIns.leave(signIn, ws);
    session?.closed();
    session = null;
    logger.debug({ room, conn, code }, "sync connection closed");
  });
  ws.on("error", (error: Error & { code?: string }) => {
    logger.warn({ room, conn, error: error.code ?? error.message }, "sync connection error");
  });
}

/** One person's sign-in (a session or a token) and the sockets open with it. */
interface SignIn {
  readonly key: string;
  readonly principal: string | null;
  readonly credential: string | null;
  readonly stillSignedIn: () => boolean;
  readonly sockets: Set<WebSocket>;
}

/**
 * The open sockets by sign-in: checked again together, one check per sign-in however many rooms it
 * has open, and closed together when it expires or is revoked.
 */
class SignIns {
  private readonly byKey = new Map<string, SignIn>();

  constructor(private readonly logger: Logger) {}

  /** The sign-in `decision` came with, `ws` among its sockets; null if it cannot expire. */
  join(decision: Extract<RoomDecision, { allowed: true }>, ws: WebSocket): SignIn | null {
    if (!decision.stillSignedIn) return null;
    const key = `${decision.credential ?? ""}\u0000${decision.principal ?? ""}`;
    let signIn = this.byKey.get(key);
    if (!signIn) {
      signIn = {
        key,
        principal: decision.principal,
        credential: decision.credential ?? null,
        stillSignedIn: decision.stillSignedIn,
        sockets: new Set(),
      };
      this.byKey.set(key, signIn);
    }
    signIn.sockets.add(ws);
    return signIn;
  }

  leave(signIn: SignIn, ws: WebSocket): void {
    signIn.sockets.delete(ws);
    if (signIn.sockets.size === 0) this.byKey.delete(signIn.key);
  }

  /** Closes the sockets of every sign-in that has expired or been revoked since it was checked. */
  checkAll(): void {
    for (const signIn of [...this.byKey.values()]) {
      if (signIn.stillSignedIn()) continue;
      this.logger.info({ sockets: signIn.sockets.size }, "closing sync connections whose sign-in expired");
      for (const ws of [...signIn.sockets]) {
        ws.send(encodePermissionDenied("your sign-in has expired"));
        ws.close(CloseCode.unauthorized, "sign-in expired");
      }
    }
  }
}

/**
 * A `ws` socket as the room sees it: it has what the room asks of a socket (binary sends, closing
 * with a code, its buffered bytes) itself, so a connection costs no adapter object.
 */
function asSyncSocket(ws: WebSocket): SyncSocket {
  return ws;
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
