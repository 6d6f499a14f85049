import type { SqliteDatabase } from "../db/database";
import { writeTransaction } from "../db/database";

/** How many failures a kind of key may have within a window. */
export interface AttemptLimit {
  readonly max: number;
  readonly windowMs: number;
}

/** An attempt that was let through, to be settled once its outcome is known. */
export interface ReservedAttempt {
  /** It succeeded: its reservation is released and the keys' failures are forgotten. */
  succeeded(): void;
  /** It failed: the reservation stays, as a failure counted against every key. */
  failed(): void;
}

/**
 * Limits sign-in attempts per key (an account at an address, an address, an account), with the
 * counts in SQLite so a restart forgets nothing. An attempt is reserved against every key before the
 * password is checked, so attempts racing in parallel each count, and none can slip through while
 * another's password hash is being computed.
 */
export interface AttemptLimiter {
  /**
   * Reserves one attempt against each key with its limit, or, when any key has used its limit,
   * reserves nothing and says how many milliseconds until it may try again.
   */
  reserve(keys: readonly { key: string; limit: AttemptLimit }[]): ReservedAttempt | { retryAfterMs: number };
}

/** The {@link AttemptLimiter} over `db`'s `sign_in_attempts`. */
export function createAttemptLimiter(db: SqliteDatabase, now: () => number = Date.now): AttemptLimiter {
  const inWindow = db.prepare<[string, number], { count: number; oldest: number | null }>(
    "SELECT count(*) AS count, min(at) AS oldest FROM sign_in_attempts WHERE key = ? AND at > ?",
  );
  const nthNewest = db
    .prepare<[string, number, number], number>(
      "SELECT at FROM sign_in_attempts WHERE key = ? AND at > ? ORDER BY at DESC LIMIT 1 OFFSET ?",
    )
    .pluck();
  const insert = db.prepare<[string, number]>("INSERT INTO sign_in_attempts (key, at) VALUES (?, ?)");
  const forgetKey = db.prepare<[string]>("DELETE FROM sign_in_attempts WHERE key = ?");
  const forgetRow = db.prepare<[number | bigint]>("DELETE FROM sign_in_attempts WHERE rowid = ?");
  const prune = db.prepare<[number]>("DELETE FROM sign_in_attempts WHERE at <= ?");
  const longest = { windowMs: 0 };
  let pruned = 0;

  type Reservation = { retryAfterMs: number } | { rows: (number | bigint)[]; keys: string[] };
  const reserve = writeTransaction(
    db,
    (keys: readonly { key: string; limit: AttemptLimit }[]): Reservation => {
      const at = now();
      let wait = 0;
      for (const { key, limit } of keys) {
        longest.windowMs = Math.max(longest.windowMs, limit.windowMs);
        const since = at - limit.windowMs;
        const { count } = inWindow.get(key, since) ?? { count: 0 };
        if (count >= limit.max) {
          // Free once the max-th newest attempt leaves the window.
          const blocking = nthNewest.get(key, since, limit.max - 1) ?? at;
          wait = Math.max(wait, blocking + limit.windowMs - at);
        }
      }
      if (wait > 0) return { retryAfterMs: wait };
      const rows = keys.map(({ key }) => insert.run(key, at).lastInsertRowid);
      return { rows, keys: keys.map(({ key }) => key) };
    },
  );
  const succeed = writeTransaction(db, (keys: readonly string[], rows: readonly (number | bigint)[]) => {
    for (const row of rows) forgetRow.run(row);
    for (const key of keys) forgetKey.run(key);
  });

  return {
    reserve(keys) {
      const at = now();
      // Old rows go now and then; a flood of distinct keys cannot grow the table past a window's worth.
      if (at - pruned > 60_000 && longest.windowMs > 0) {
        pruned = at;
        prune.run(at - longest.windowMs);
      }
      const result = reserve(keys);
      if ("retryAfterMs" in result) return result;
      return {
        // The account and the pair are forgotten on success; an address keeps its count, so a
        // spray of guesses across accounts is still limited by it.
        succeeded: () =>
          succeed(
            result.keys.filter((key) => !key.startsWith("address:")),
            result.rows,
          ),
        failed: () => {},
      };
    },
  };
}
