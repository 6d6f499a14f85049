/**
 * Websocket close codes shared by the server and every client.
 *
 * Application codes are the matching HTTP status plus 4000. The stock y-websocket client treats
 * 4400–4499 as final (it stops reconnecting and emits `closed`) and everything else as transient,
 * so a code's range is a promise about whether trying again can help.
 */
export const CloseCode = {
  /** A malformed message or an unknown message type: the client is broken, do not retry. */
  badRequest: 4400,
  /** No valid session or token came with the upgrade. */
  unauthorized: 4401,
  /** Signed in, but not allowed in this room (not a member, or removed). */
  forbidden: 4403,
  /** The room name is not one this server serves. */
  notFound: 4404,
  /** A presence state over the size limit. */
  tooLarge: 4413,
  /**
   * The server refused an update: it would break the document's rules (who may change what, the
   * shapes of values) or does not apply. Nothing of it was stored; the client must drop its copy
   * and take the server's, or it will only send the refused change again.
   */
  refused: 4422,
  /** The server failed while handling the room; reconnecting reloads it from storage. */
  internalError: 4500,
  /** The server is shutting down, or the client could not keep up; reconnect later. */
  unavailable: 4503,
  /** RFC 6455's own code, sent by the websocket layer when a frame exceeds the size limit. */
  messageTooBig: 1009,
} as const;

/** One of the close codes above. */
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** Whether a client should stop reconnecting after the server closed with `code`. */
export function isFinalCloseCode(code: number): boolean {
  return code >= 4400 && code < 4500;
}
