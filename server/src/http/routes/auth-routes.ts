import { getConnInfo } from "@hono/node-server/conninfo";
import { type Context, Hono } from "hono";
import { deleteCookie, setCookie } from "hono/cookie";
import { z } from "zod";
import { decoyPasswordHash, hashPassword, passwordProblem, verifyPassword } from "../../accounts/passwords";
import { EmailTakenError, NotFirstAccountError, type User } from "../../accounts/user-store";
import { cleanLabel } from "../../clean-text";
import type { Services } from "../../services";
import { ApiError, badRequest, conflict, ErrorCode, forbidden, unauthorized } from "../api-error";
import { type ApiEnv, requireSession, SESSION_COOKIE, sessionCredential } from "../authentication";
import { readBody } from "../validation";
import { joinThroughInvite } from "./invite-routes";

const email = z.string().trim().toLowerCase().email("Enter a valid email address.").max(254);
const password = z.string().min(1, "Enter a password.").max(1024);

const signUpBody = z.object({
  name: z.string().max(120).transform(cleanLabel).pipe(z.string().min(1, "Enter your name.")),
  email,
  password,
  invite: z.string().min(1).max(200).optional(),
});
const signInBody = z.object({ email, password });
const passwordBody = z.object({ currentPassword: password, newPassword: password });

/** The user as the API shows them to themselves. */
export function publicUser(user: User) {
  return { id: user.id, email: user.email, name: user.name, isAdmin: user.isAdmin };
}

function startSession(c: Context<ApiEnv>, services: Services, user: User): void {
  const { token } = services.sessions.create(user.id, c.req.header("user-agent") ?? null);
  const https = (services.config.publicUrl ?? c.req.url).startsWith("https:");
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "Lax",
    secure: https,
    path: "/",
    maxAge: Math.floor(services.config.sessionMaxMs / 1000),
  });
}

const MINUTE = 60 * 1000;
/** Guesses at one account from one address. */
const PAIR_LIMIT = { max: 5, windowMs: 15 * MINUTE };
/** Guesses from one address at any accounts (a spray); other addresses are not held back by it. */
const ADDRESS_LIMIT = { max: 50, windowMs: 15 * MINUTE };
/** Guesses at one account from anywhere (many addresses at once). */
const ACCOUNT_LIMIT = { max: 100, windowMs: 60 * MINUTE };

/**
 * Where a request came from: the socket's peer, or behind a trusted reverse proxy (TRUST_PROXY) the
 * address the proxy appended to X-Forwarded-For, so that everyone behind it is not one address.
 */
function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header("x-forwarded-for")?.split(",").at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown";
  }
}

function tooManyAttempts(retryAfterMs: number): ApiError {
  const minutes = Math.max(1, Math.ceil(retryAfterMs / 60_000));
  return new ApiError(
    429,
    ErrorCode.tooManyAttempts,
    `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
    { "Retry-After": String(Math.ceil(retryAfterMs / 1000)) },
  );
}

/** Sign-up, sign-in, sign-out, the current user, and password changes under /api/auth. */
export function authRoutes(services: Services): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();

  app.post("/sign-up", async (c) => {
    const body = await readBody(c, signUpBody);
    const problem = passwordProblem(body.password, body.email);
    if (problem) throw badRequest(problem);
    const invite = body.invite ? services.invites.resolve(body.invite) : null;
    if (body.invite && !invite)
      throw badRequest("This invite link has expired or been revoked. Ask for a new one.");
    const needsInvite = !invite && services.config.signup !== "open";
    const refusal = "New accounts need an invite link from a project owner.";
    // Checked early for a quick answer, and again inside the insert's transaction: sign-ups racing
    // on a fresh instance all see no account here.
    if (needsInvite && services.users.count() > 0) throw forbidden(refusal);
    const passwordHash = await hashPassword(body.password);
    let user: User;
    try {
      user = services.users.create({
        email: body.email,
        name: body.name,
        passwordHash,
        onlyIfFirst: needsInvite,
      });
    } catch (error) {
      if (error instanceof EmailTakenError)
        throw conflict("An account with this email already exists. Sign in instead.");
      if (error instanceof NotFirstAccountError) throw forbidden(refusal);
      throw error;
    }
    services.audit.record({
      actorId: user.id,
      action: "user.sign-up",
      subject: user.id,
      detail: { admin: user.isAdmin },
    });
    const joined = invite ? joinThroughInvite(services, invite, user.id) : null;
    startSession(c, services, user);
    return c.json({ user: publicUser(user), joinedProjectId: joined }, 201);
  });

  app.post("/sign-in", async (c) => {
    const body = await readBody(c, signInBody);
    const address = clientAddress(c, services.config.trustProxy);
    // Reserved before the password is checked, so parallel guesses each count.
    const attempt = services.signInAttempts.reserve([
      { key: `pair:${body.email}|${address}`, limit: PAIR_LIMIT },
      { key: `address:${address}`, limit: ADDRESS_LIMIT },
      { key: `account:${body.email}`, limit: ACCOUNT_LIMIT },
    ]);
    if ("retryAfterMs" in attempt) throw tooManyAttempts(attempt.retryAfterMs);
    const user = services.users.findByEmail(body.email);
    const credentials = user ? services.users.credentials(user.id) : null;
    // Verify against a decoy when the account does not exist, so timing does not reveal accounts.
    const ok = await verifyPassword(credentials?.passwordHash ?? (await decoyPasswordHash()), body.password);
    if (!user || !ok) {
      attempt.failed();
      throw unauthorized("Email or password is incorrect.");
    }
    attempt.succeeded();
    // Whatever session cookie came with the request is dropped: a new secret every sign-in.
    const previous = c.get("principal");
    if (previous?.via === "session") services.sessions.revoke(previous.sessionToken);
    startSession(c, services, user);
    services.audit.record({ actorId: user.id, action: "user.sign-in", subject: user.id });
    return c.json({ user: publicUser(user) });
  });

  app.post("/sign-out", (c) => {
    const principal = c.get("principal");
    if (principal?.via === "session") {
      services.sessions.revoke(principal.sessionToken);
      const ended = sessionCredential(principal.sessionToken);
      services.liveAccess.closeCredentials((credential) => credential === ended);
    }
    deleteCookie(c, SESSION_COOKIE, { path: "/" });
    return c.json({ signedOut: true });
  });

  // Who is signed in, or nobody: a signed-out page asks this without an error to log.
  app.get("/session", (c) => {
    const principal = c.get("principal");
    return c.json({ user: principal ? publicUser(principal.user) : null });
  });

  app.get("/me", (c) => {
    const principal = c.get("principal");
    if (!principal) throw unauthorized();
    return c.json({ user: publicUser(principal.user), via: principal.via });
  });

  app.post("/password", async (c) => {
    const principal = requireSession(c);
    const body = await readBody(c, passwordBody);
    const credentials = services.users.credentials(principal.user.id);
    if (!credentials || !(await verifyPassword(credentials.passwordHash, body.currentPassword))) {
      throw badRequest("Your current password is not correct.");
    }
    const problem = passwordProblem(body.newPassword, principal.user.email);
    if (problem) throw badRequest(problem);
    services.users.setPasswordHash(principal.user.id, await hashPassword(body.newPassword));
    // Every other browser is signed out, live sockets included; this one gets a fresh session.
    services.sessions.revokeAllFor(principal.user.id);
    const current = sessionCredential(principal.sessionToken);
    services.liveAccess.closeCredentials(
      (credential, userId) =>
        userId === principal.user.id && credential.startsWith("session:") && credential !== current,
    );
    startSession(c, services, principal.user);
    services.audit.record({
      actorId: principal.user.id,
      action: "user.password-changed",
      subject: principal.user.id,
    });
    return c.json({ changed: true });
  });

  app.get("/signup-mode", (c) =>
    c.json({ firstAccount: services.users.count() === 0, signup: services.config.signup }),
  );

  return app;
}
