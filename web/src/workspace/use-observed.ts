import { useEffect, useState } from "react";
import type * as Y from "yjs";

/**
 * A value computed from a Yjs type, recomputed whenever the type or anything inside it changes.
 */
// biome-ignore lint/suspicious/noExplicitAny: Yjs types are invariant in their event type.
export function useObserved<T>(type: Y.AbstractType<any> | null, compute: () => T): T {
  const [value, setValue] = useState(compute);
  // Recompute when the observed type changes; `compute` is a new function every render.
  // biome-ignore lint/correctness/useExhaustiveDependencies: see above
  useEffect(() => {
    if (!type) return;
    const update = () => setValue(compute());
    update();
    type.observeDeep(update);
    return () => type.unobserveDeep(update);
  }, [type]);
  return value;
}
