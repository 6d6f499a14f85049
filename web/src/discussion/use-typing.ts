import { useCallback, useEffect, useState } from "react";
import type { Awareness } from "y-protocols/awareness";
import { presentUser } from "../workspace/PresenceBar";

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
        const user = presentUser(state);
        const where = (state as { typing?: unknown }).typing;
        if (typeof where !== "string" || !user || user.id === selfId) return;
        const names = next.get(where) ?? [];
        if (!names.includes(user.name)) names.push(user.name);
        next.set(where, names);
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
