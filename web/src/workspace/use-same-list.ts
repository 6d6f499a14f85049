import { useRef } from "react";

/**
 * `list`, or the list returned before if it holds the same items in the same order: a list rebuilt
 * with nothing changed keeps its identity, so effects that depend on it do not run again.
 */
export function useSameList<T>(list: readonly T[] | null): readonly T[] | null {
  const kept = useRef(list);
  const before = kept.current;
  const same =
    before === list ||
    (before !== null &&
      list !== null &&
      before.length === list.length &&
      before.every((item, index) => item === list[index]));
  if (!same) kept.current = list;
  return kept.current;
}
