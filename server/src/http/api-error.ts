import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/** Machine-readable error codes of the HTTP API; the message is for people. */
export const ErrorCode = {
  badRequest: "bad_request",
  unauthorized: "unauthorized",
  forbidden: "forbidden",
  crossSite: "cross_site_request",
  notFound: "not_found",
  conflict: "conflict",
  payloadTooLarge: "payload_too_large",
  unsupportedMediaType: "unsupported_media_type",
  tooManyAttempts: "too_many_attempts",
  busy: "busy",
  internal: "internal",
} as const;

/** One of the API's error codes. */
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/**
 * The one error type of the HTTP layer. Handlers throw it; `app.onError` turns it into
 * `{ error: code, message }` with its status. Messages are written for researchers, not developers.
 */
export class ApiError extends HTTPException {
  readonly code: ErrorCode;
  readonly headers: Record<string, string>;

  constructor(
    status: ContentfulStatusCode,
    code: ErrorCode,
    message: string,
    headers: Record<string, string> = {},
  ) {
    super(status, { message });
    this.code = code;
    this.headers = headers;
  }
}

/** 400: the request itself is wrong. */
export const badRequest = (message: string) => new ApiError(400, ErrorCode.badRequest, message);
/** 401: no valid session or token. */
export const unauthorized = (message = "Please sign in.") =>
  new ApiError(401, ErrorCode.unauthorized, message);
/** 403: signed in, but not allowed. */
export const forbidden = (message: string) => new ApiError(403, ErrorCode.forbidden, message);
/** 404: nothing there. */
export const notFound = (message: string) => new ApiError(404, ErrorCode.notFound, message);
/** 409: the request clashes with the current state. */
export const conflict = (message: string) => new ApiError(409, ErrorCode.conflict, message);
