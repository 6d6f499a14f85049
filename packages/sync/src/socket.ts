/**
 * The little a room needs from a websocket. The server adapts its websocket library to this; tests
 * use an in-memory pair. Keeping the room ignorant of the socket library keeps it testable and
 * portable.
 */
export interface SyncSocket {
  /** Sends one binary message. Called only while the socket is open. */
  send(message: Uint8Array): void;
  /** Closes the socket with a close code and a short reason (no document content). */
  close(code: number, reason: string): void;
  /** Bytes queued but not yet written; used to drop consumers that cannot keep up. */
  readonly bufferedAmount: number;
}
