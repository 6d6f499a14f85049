import type { SqliteDatabase } from "../db/database";
import { createSecret, hashSecret } from "../db/secrets";

/** How long sessions live. */
export interface SessionLifetimes {
  /** A session unused for this long expires. */
  readonly idleMs: number;
  /** A session expires this long after sign-in, however busy. */
  readonly absoluteMs: number;
}

/** A signed-in browser, as stored: the cookie's secret itself is never stored, only its hash. */
export interface Session {
  readonly userId: string;
  readonly createdAt: number;
  readonly lastSeenAt: number;
  readonly expiresAt: number;
}

interface SessionRow {
  token_hash: string;
  user_id: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
}

/** Server-side sessions in SQLite. */
export interface SessionStore {
  /** Starts a session and returns the secret for the cookie. Always a new secret: no fixation. */
  create(userId: string, userAgent: string | null): { token: string; session: Session };
  /** The live session for a cookie secret, or null if unknown, idle too long, or past its end. */
  resolve(token: string): Session | null;
  revoke(token: string): void;
  /** Ends every session of a user, except the one whose secret is `keep`. */
  revokeAllFor(userId: string, keep?: string): number;
}

// Writing last_seen_at on every request would turn every read into a write; once a minute is enough.
const TOUCH_EVERY_MS = 60_000;

/** The {@link SessionStore} over `db`. `now` is injectable so tests can move time. */
export function createSessionStore(
  db: SqliteDatabase,
  lifetimes: SessionLifetimes,
  now: () => number = Date.now,
): SessionStore {
  const insert = db.prepare(
    `INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at, user_agent)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const byHash = db.prepare<[string], SessionRow>("SELECT * FROM sessions WHERE token_hash = ?");
  const touch = db.prepare<[number, string]>("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?");
  const remove = db.prepare<[string]>("DELETE FROM sessions WHERE token_hash = ?");
  const removeForUser = db.prepare<[string, string]>(
    "DELETE FROM sessions WHERE user_id = ? AND token_hash != ?",
  );
  const removeExpired = db.prepare<[number]>("DELETE FROM sessions WHERE expires_at <= ?");

  return {
    create(userId, userAgent) {
      const token = createSecret();
      const at = now();
      const session = { userId, createdAt: at, lastSeenAt: at, expiresAt: at + lifetimes.absoluteMs };
      insert.run(hashSecret(token), userId, at, at, session.expiresAt, userAgent?.slice(0, 300) ?? null);
      removeExpired.run(at);
      return { token, session };
    },
    resolve(token) {
      if (!token) return null;
      const hash = hashSecret(token);
      const row = byHash.get(hash);
      if (!row) return null;
      const at = now();
      if (row.expires_at <= at || row.last_seen_at + lifetimes.idleMs <= at) {
        remove.run(hash);
        return null;
      }
      if (at - row.last_seen_at >= TOUCH_EVERY_MS) touch.run(at, hash);
      return { userId: row.user_id, createdAt: row.created_at, lastSeenAt: at, expiresAt: row.expires_at };
    },
    revoke(token) {
      remove.run(hashSecret(token));
    },
    revokeAllFor(userId, keep) {
      return removeForUser.run(userId, keep ? hashSecret(keep) : "").changes;
    },
  };
}
