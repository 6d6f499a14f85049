import { useEffect, useRef, useState } from "react";
import type * as Y from "yjs";

// biome-ignore lint/suspicious/noExplicitAny: Yjs types are invariant in their event type.
type Observable = Y.AbstractType<any>;

/** Recomputes through `latest` when `type` changes: at once, or gathered into the browser's idle time. */
function useRecompute<T>(
  type: Observable | null,
  compute: () => T,
  setValue: (value: T) => void,
  whenIdle: boolean,
): void {
  // The latest `compute` sees the latest props (a codebook after a merge, say), not the first ones.
  const latest = useRef(compute);
  latest.current = compute;
  useEffect(() => {
    if (!type) return;
    let idle: number | null = null;
    const update = () => setValue(latest.current());
    const later = () => {
      idle ??= requestIdleCallback(
        () => {
          idle = null;
          update();
        },
        { timeout: 300 },
      );
    };
    const observer = whenIdle ? later : update;
    observer();
    type.observeDeep(observer);
    return () => {
      type.unobserveDeep(observer);
      if (idle !== null) cancelIdleCallback(idle);
    };
  }, [type, whenIdle, setValue]);
}

/** A value computed from a Yjs type, recomputed whenever the type (or anything inside it) changes. */
export function useObserved<T>(type: Observable | null, compute: () => T): T {
  const [value, setValue] = useState(compute);
  useRecompute(type, compute, setValue, false);
  return value;
}

/**
 * Like {@link useObserved}, but computed once the browser has time, changes gathered: for summaries
 * over thousands of entries (counts beside codes) that must hold up neither opening nor a keypress.
 * `initial` stands in until the first computation.
 */
export function useObservedWhenIdle<T>(type: Observable | null, compute: () => T, initial: T): T {
  const [value, setValue] = useState(initial);
  useRecompute(type, compute, setValue, true);
  return value;
}
