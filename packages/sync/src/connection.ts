import { CloseCode } from "./close-codes";
import type { LogFields, Logger } from "./logger";
import type { SyncSocket } from "./socket";

/** What a connection may do to the document. Awareness (presence) flows either way. */
export type Access = "read-write" | "read-only";

/** Who is on the other end of a socket, as the server's authorization decided before upgrading. */
export interface ConnectionIdentity {
  /** Unique per connection; appears in log lines. */
  readonly id: string;
  /** The authenticated principal (a user id), if any. */
  readonly principal: string | null;
  /**
   * What the principal signed in with (a session or a token), opaque to the room, so that signing
   * out or revoking a token can close exactly the sockets that relied on it.
   */
  readonly credential?: string | null;
  readonly access: Access;
}

/**
 * One client's socket as the room sees it: sends guarded against closed and slow sockets, and the
 * awareness client ids this connection controls (removed when it leaves).
 */
export class Connection {
  readonly id: string;
  readonly principal: string | null;
  readonly credential: string | null;
  access: Access;
  readonly awarenessClients = new Set<number>();
  private open = true;

  constructor(
    identity: ConnectionIdentity,
    private readonly socket: SyncSocket,
    /** The room's logger, shared by its connections: each line names the connection. */
    private readonly logger: Logger,
    private readonly maxBufferedBytes: number,
  ) {
    this.id = identity.id;
    this.principal = identity.principal;
    this.credential = identity.credential ?? null;
    this.access = identity.access;
  }

  /** False once the room or the peer closed this connection. */
  get isOpen(): boolean {
    return this.open;
  }

  /** Sends a message, or closes the connection if the peer has stopped reading. */
  send(message: Uint8Array): void {
    if (!this.open) return;
    if (this.socket.bufferedAmount > this.maxBufferedBytes) {
      this.warn({ bufferedAmount: this.socket.bufferedAmount }, "closing a connection that does not keep up");
      this.close(CloseCode.unavailable, "too slow");
      return;
    }
    this.socket.send(message);
  }

  /** Logs a warning about this connection (a logger of its own would cost every connection one). */
  warn(fields: LogFields, message: string): void {
    this.logger.warn({ conn: this.id, ...fields }, message);
  }

  /** Closes the socket from the server's side. */
  close(code: number, reason: string): void {
    if (!this.open) return;
    this.open = false;
    this.socket.close(code, reason);
  }

  /** Marks the connection closed after the peer went away. */
  markClosed(): void {
    this.open = false;
  }
}
