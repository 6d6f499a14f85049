import { useEffect, useRef, useState } from "react";
import type * as Y from "yjs";

/**
 * A value computed from a Yjs type, recomputed whenever the type (or anything inside it) changes.
 * With `whenIdle`, changes are gathered and the value recomputed once the browser has time: for
 * summaries over thousands of entries (counts beside codes) that must not hold up a keypress.
 */
// biome-ignore lint/suspicious/noExplicitAny: Yjs types are invariant in their event type.
export function useObserved<T>(type: Y.AbstractType<any> | null, compute: () => T, whenIdle = false): T {
  const [value, setValue] = useState(compute);
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
    update();
    type.observeDeep(observer);
    return () => {
      type.unobserveDeep(observer);
      if (idle !== null) cancelIdleCallback(idle);
    };
  }, [type, whenIdle]);
  return value;
}
