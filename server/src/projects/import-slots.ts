/** How many imports may be in flight at once; see {@link createImportSlots}. */
export interface ImportSlots {
  /**
   * A slot for `userId` to send an import's body, to release when the import is done, or null
   * when that person has as many imports in flight as they may.
   */
  take(userId: string): (() => void) | null;
  /** A slot in the worker's queue for a body that has arrived, or null when the queue is full. */
  queue(): (() => void) | null;
}

function once(release: () => void): () => void {
  let released = false;
  return () => {
    if (released) return;
    released = true;
    release();
  };
}

/**
 * Import bodies are up to 48 MB. One person may send `perPerson` at once (the web app sends a batch
 * one file at a time), so a slow sender holds up only themselves; and `queued` bodies that have
 * arrived may wait for the one worker that prepares them, in all.
 */
export function createImportSlots(limits: { perPerson: number; queued: number }): ImportSlots {
  const inFlight = new Map<string, number>();
  let waiting = 0;
  return {
    take(userId) {
      const mine = inFlight.get(userId) ?? 0;
      if (mine >= limits.perPerson) return null;
      inFlight.set(userId, mine + 1);
      return once(() => {
        const left = (inFlight.get(userId) ?? 1) - 1;
        if (left > 0) inFlight.set(userId, left);
        else inFlight.delete(userId);
      });
    },
    queue() {
      if (waiting >= limits.queued) return null;
      waiting += 1;
      return once(() => {
        waiting -= 1;
      });
    },
  };
}
