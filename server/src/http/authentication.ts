import type { Context, MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import type { User } from "../accounts/user-store";
import { hashSecret } from "../db/secrets";
import type { Services } from "../services";
import { ApiError, ErrorCode, unauthorized } from "./api-error";

/** The name of the session cookie. */
export const SESSION_COOKIE = "concord_session";

/** Who made a request, and how they proved it. */
export type Principal =
  | { readonly user: User; readonly via: "session"; readonly sessionToken: string }
  | { readonly user: User; readonly via: "token"; readonly tokenId: string };

/** Variables the API's middleware puts on the context. */
export interface ApiEnv {
  Variables: { principal: Principal | null };
}

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** The origin the browser should be on: PUBLIC_URL, or this request's own scheme and host. */
export function expectedOrigin(c: Context, publicUrl: string | null): string | null {
  if (publicUrl) return publicUrl;
  const host = c.req.header("host");
  if (!host) return null;
  return `${new URL(c.req.url).protocol}//${host}`;
}

/**
 * Whether a cookie-authenticated request comes from Concord's own pages. Browsers send Origin on
 * every cross-site POST and websocket upgrade, so a foreign or missing Origin is refused; scripts
 * use bearer tokens, which a cross-site page cannot send.
 */
export function isSameOrigin(c: Context, publicUrl: string | null): boolean {
  const origin = c.req.header("origin");
  if (origin) return origin === expectedOrigin(c, publicUrl);
  return c.req.header("sec-fetch-site") === "same-origin";
}

/** Resolves a bearer token or a session cookie to a user; null when neither is valid. */
export function resolvePrincipal(
  services: Services,
  credentials: { bearer: string | null; cookie: string | null },
): Principal | null {
  if (credentials.bearer) {
    const resolved = services.tokens.resolve(credentials.bearer);
    const user = resolved ? services.users.findById(resolved.userId) : null;
    return user && resolved ? { user, via: "token", tokenId: resolved.tokenId } : null;
  }
  if (credentials.cookie) {
    const session = services.sessions.resolve(credentials.cookie);
    const user = session ? services.users.findById(session.userId) : null;
    return user ? { user, via: "session", sessionToken: credentials.cookie } : null;
  }
  return null;
}

/**
 * Puts the request's principal (or null) on the context, and refuses cookie-authenticated unsafe
 * requests from other sites. A bearer token that is present but invalid is refused outright rather
 * than treated as anonymous, so a script learns at once that its token was revoked.
 */
export function authenticate(services: Services): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const authorization = c.req.header("authorization");
    const bearer = authorization?.startsWith("Bearer ") ? authorization.slice(7).trim() : null;
    const principal = resolvePrincipal(services, { bearer, cookie: getCookie(c, SESSION_COOKIE) ?? null });
    if (bearer && !principal)
      throw unauthorized("This API token is not valid: it may have expired or been revoked.");
    // Signed in by cookie, or signing in (no credential yet): a browser on another site may not do
    // it for the person (a cross-site form would otherwise sign a victim into an attacker's account).
    const fromBrowserElsewhere =
      c.req.header("origin") !== undefined || c.req.header("sec-fetch-site") !== undefined;
    if (
      UNSAFE_METHODS.has(c.req.method) &&
      (principal?.via === "session" || (!bearer && fromBrowserElsewhere)) &&
      !isSameOrigin(c, services.config.publicUrl)
    ) {
      throw new ApiError(403, ErrorCode.crossSite, "This request came from another site and was refused.");
    }
    c.set("principal", principal);
    await next();
  };
}

/**
 * A stable name for what a principal signed in with, attached to their sync connections so that
 * ending the session or revoking the token closes exactly those sockets.
 */
export function credentialOf(principal: Principal): string {
  return principal.via === "session"
    ? sessionCredential(principal.sessionToken)
    : `token:${principal.tokenId}`;
}

/** The credential name of a session, from its cookie secret. */
export function sessionCredential(sessionToken: string): string {
  return `session:${hashSecret(sessionToken)}`;
}

/** The signed-in user, or a 401. */
export function requireUser(c: Context<ApiEnv>): User {
  const principal = c.get("principal");
  if (!principal) throw unauthorized();
  return principal.user;
}

/** The signed-in user when they came with a browser session (not an API token), or a 401. */
export function requireSession(c: Context<ApiEnv>): Principal & { via: "session" } {
  const principal = c.get("principal");
  if (!principal) throw unauthorized();
  if (principal.via !== "session")
    throw unauthorized("Sign in with your password to do this; API tokens cannot.");
  return principal;
}
