/**
 * Runs `work` once the browser has painted its next frame: for what a page shows beside a change
 * (labels, panels, the floating buttons), so that drawing the change itself is all the next frame
 * waits for. React's commit reads the selection, which makes the browser lay out first; done after
 * the paint, that layout has nothing left to do.
 *
 * Hidden pages paint no frames: there a timer stands in, so the work is never lost.
 */
export function afterPaint(work: () => void): void {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    work();
  };
  const timer = setTimeout(run, 100);
  // A task queued from the frame's callback runs once that frame has been produced; queued as
  // background work, after whatever else was queued for then.
  requestAnimationFrame(() => {
    const scheduler = (globalThis as { scheduler?: Scheduler }).scheduler;
    if (scheduler?.postTask) void scheduler.postTask(run, { priority: "background" });
    else setTimeout(run, 0);
  });
}

/**
 * `afterPaint` for a stream of calls: runs `work` once after the next paint however often it is
 * asked before then, so a burst of changes costs one update.
 */
export function coalescedAfterPaint(work: () => void): () => void {
  let pending = false;
  return () => {
    if (pending) return;
    pending = true;
    afterPaint(() => {
      pending = false;
      work();
    });
  };
}

/** The part of the Prioritized Task Scheduling API used here (not in every browser, nor in TypeScript's DOM types). */
interface Scheduler {
  postTask(
    task: () => void,
    options: { priority: "user-blocking" | "user-visible" | "background" },
  ): Promise<void>;
}
