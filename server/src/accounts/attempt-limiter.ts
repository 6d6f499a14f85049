/** Limits failed attempts per key (an account, an address) within a sliding window. */
export interface AttemptLimiter {
  /** Milliseconds until `key` may try again, or 0 if it may try now. */
  retryAfter(key: string): number;
  /** Records a failed attempt for `key`. */
  fail(key: string): void;
  /** Forgets `key`'s failures (after a success). */
  reset(key: string): void;
}

/** An in-memory {@link AttemptLimiter}: at most `max` failures per `windowMs` for each key. */
export function createAttemptLimiter(
  options: { max: number; windowMs: number },
  now: () => number = Date.now,
): AttemptLimiter {
  const failures = new Map<string, number[]>();
  const recent = (key: string): number[] => {
    const cutoff = now() - options.windowMs;
    const kept = (failures.get(key) ?? []).filter((at) => at > cutoff);
    if (kept.length === 0) failures.delete(key);
    else failures.set(key, kept);
    return kept;
  };
  return {
    retryAfter(key) {
      const kept = recent(key);
      if (kept.length < options.max) return 0;
      return (kept[kept.length - options.max] as number) + options.windowMs - now();
    },
    fail(key) {
      const kept = recent(key);
      kept.push(now());
      failures.set(key, kept.slice(-options.max));
      // Bound memory against a flood of distinct keys.
      if (failures.size > 100_000) failures.delete(failures.keys().next().value as string);
    },
    reset(key) {
      failures.delete(key);
    },
  };
}
