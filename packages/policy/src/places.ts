import type { ContentValue, TypePlace } from "@concord/sync";

/** The name of the root type a place belongs to. */
export function rootName(place: TypePlace): string {
  let current = place;
  while (current.parent) current = current.parent;
  return current.name ?? "";
}

/** Whether `place` is the root type called `name`. */
export function isRoot(place: TypePlace | null, name?: string): boolean {
  return place !== null && place.kind === "root" && (name === undefined || place.name === name);
}

/** The single value a map entry or attribute holds, or undefined if the content is not one value. */
export function singleValue(content: ContentValue): unknown {
  return content.kind === "any" && content.values.length === 1 ? content.values[0] : undefined;
}

/** Whether two places are the same type (the reader hands out one object per type). */
export function samePlace(a: TypePlace, b: TypePlace): boolean {
  return a === b;
}
