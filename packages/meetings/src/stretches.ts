/** The value `map` holds under `key`, made (and put there) if it holds none. */
export function entryOf<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  const found = map.get(key);
  if (found !== undefined) return found;
  const made = make();
  map.set(key, made);
  return made;
}

/** A stretch of text: [start, end) in canonical offsets. */
export interface Stretch {
  readonly start: number;
  readonly end: number;
}

/** Codings as the stretches they cover, sorted, joined where they overlap or touch. */
export function stretchesOf(codings: readonly Stretch[]): { start: number; end: number }[] {
  const joined: { start: number; end: number }[] = [];
  for (const c of [...codings].sort((a, b) => a.start - b.start)) {
    const last = joined[joined.length - 1];
    if (last && c.start <= last.end) last.end = Math.max(last.end, c.end);
    else joined.push({ start: c.start, end: c.end });
  }
  return joined;
}

/** The first index of a sorted list at which `after` holds (it holds from there on), or the length. */
export function firstWhere<T>(sorted: readonly T[], after: (item: T) => boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (after(sorted[mid] as T)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Whether sorted, disjoint `stretches` cover any of [start, end): a binary search, not a walk. */
export function overlapsAny(stretches: readonly Stretch[], start: number, end: number): boolean {
  const first = stretches[firstWhere(stretches, (s) => s.end > start)];
  return first !== undefined && first.start < end;
}

/**
 * Which turns sorted, disjoint `stretches` reach into, as a key: two sets of stretches reach the same
 * turns exactly when their keys are equal. Each stretch's turns are found by binary search.
 */
export function turnsKey(turns: readonly Stretch[], stretches: readonly Stretch[]): string {
  const ranges: [number, number][] = [];
  for (const s of stretches) {
    const first = firstWhere(turns, (turn) => turn.end > s.start);
    const last = firstWhere(turns, (turn) => turn.start >= s.end) - 1;
    if (first > last) continue;
    const previous = ranges[ranges.length - 1];
    if (previous && first <= previous[1] + 1) previous[1] = Math.max(previous[1], last);
    else ranges.push([first, last]);
  }
  return ranges.map(([first, last]) => `${first}-${last}`).join(",");
}

/** The width, in code points, of the slices of text a coder's codes are filed under. */
const SLICE = 512;

/**
 * Each coder's codings of each code in one transcript, as sorted, disjoint stretches, and the codes
 * each coder used in each 512-character slice of the text: which codes a coder gave a passage is
 * then a look at the slices it spans and a binary search per code found there, not a walk over
 * every coding (nor over every code).
 */
export class CoderCodes {
  private readonly stretches = new Map<string, Map<string, Stretch[]>>();
  private readonly slices = new Map<string, Map<number, Set<string>>>();

  constructor(
    codings: readonly {
      readonly coderId: string;
      readonly codeId: string;
      readonly start: number;
      readonly end: number;
    }[],
  ) {
    const grouped = new Map<string, Map<string, Stretch[]>>();
    for (const c of codings) {
      entryOf(
        entryOf(grouped, c.coderId, () => new Map()),
        c.codeId,
        () => [],
      ).push(c);
    }
    for (const [coderId, codes] of grouped) {
      const joined = new Map<string, Stretch[]>();
      const slices = new Map<number, Set<string>>();
      for (const [codeId, list] of codes) {
        const stretches = stretchesOf(list);
        joined.set(codeId, stretches);
        for (const s of stretches) {
          for (let slice = Math.floor(s.start / SLICE); slice * SLICE < s.end; slice++) {
            entryOf(slices, slice, () => new Set()).add(codeId);
          }
        }
      }
      this.stretches.set(coderId, joined);
      this.slices.set(coderId, slices);
    }
  }

  /** The codes other than `except` that `coderId` applied to some of [start, end), sorted. */
  codesOver(coderId: string, start: number, end: number, except: string): string[] {
    const stretches = this.stretches.get(coderId);
    const slices = this.slices.get(coderId);
    if (!stretches || !slices) return [];
    const near = new Set<string>();
    for (let slice = Math.floor(start / SLICE); slice * SLICE < end; slice++) {
      for (const codeId of slices.get(slice) ?? []) near.add(codeId);
    }
    const found: string[] = [];
    for (const codeId of near) {
      if (codeId !== except && overlapsAny(stretches.get(codeId) ?? [], start, end)) found.push(codeId);
    }
    return found.sort();
  }
}
