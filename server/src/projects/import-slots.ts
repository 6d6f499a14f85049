/** How many imports may be in flight at once, per person and in all; see {@link createImportSlots}. */
export interface ImportSlots {
  /** A slot for `userId`'s import, to release when it is done, or null when none is free. */
  take(userId: string): (() => void) | null;
}

/**
 * Import bodies are up to 48 MB and wait in memory for the one worker that prepares them, so only
 * a few may be in flight: `perPerson` for one person (the web app sends a batch one file at a
 * time), `total` for everyone.
 */
export function createImportSlots(limits: { perPerson: number; total: number }): ImportSlots {
  const inFlight = new Map<string, number>();
  let total = 0;
  return {
    take(userId) {
      const mine = inFlight.get(userId) ?? 0;
      if (mine >= limits.perPerson || total >= limits.total) return null;
      inFlight.set(userId, mine + 1);
      total += 1;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        total -= 1;
        const left = (inFlight.get(userId) ?? 1) - 1;
        if (left > 0) inFlight.set(userId, left);
        else inFlight.delete(userId);
      };
    },
  };
}
