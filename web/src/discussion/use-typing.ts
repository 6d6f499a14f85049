import { useCallback, useEffect, useState } from "react";
import type { Awareness } from "y-protocols/awareness";

/**
 * Who is typing where, through the discussion room's presence: each person's tab says which thread
 * it is replying in ("new" for a thread being started). Returns the others' names per thread, and
 * how to say where oneself is typing.
 */
export function useTyping(
  awareness: Awareness | null,
  selfId: string,
): { typing: ReadonlyMap<string, readonly string[]>; setTyping: (where: string | null) => void } {
  const [typing, setTypingMap] = useState<ReadonlyMap<string, readonly string[]>>(new Map());
  useEffect(() => {
    if (!awareness) return;
    const update = () => {
      const next = new Map<string, string[]>();
      awareness.getStates().forEach((state) => {
        const s = state as { user?: { id?: string; name?: string }; typing?: string | null };
        if (!s.typing || !s.user?.id || s.user.id === selfId) return;
        const names = next.get(s.typing) ?? [];
        if (!names.includes(s.user.name ?? "?")) names.push(s.user.name ?? "?");
        next.set(s.typing, names);
      });
      setTypingMap(next);
    };
    update();
    awareness.on("change", update);
    return () => awareness.off("change", update);
  }, [awareness, selfId]);
  const setTyping = useCallback(
    (where: string | null) => {
      if (awareness && awareness.getLocalState()?.typing !== where)
        awareness.setLocalStateField("typing", where);
    },
    [awareness],
  );
  return { typing, setTyping };
}
