/** A coding as compared: its code and its stretch [start, end) of a transcript's canonical text. */
export interface ComparedCoding {
  readonly id: string;
  readonly codeId: string;
  readonly start: number;
  readonly end: number;
}

/** A passage where coders' codings of one code differ, with each coder's version. */
export interface Disagreement<C extends ComparedCoding = ComparedCoding> {
  readonly codeId: string;
  /** The stretch all versions together cover. */
  readonly start: number;
  readonly end: number;
  /** Each coder's codings of the code in the passage (an empty list: they did not apply it there). */
  readonly versions: Readonly<Record<string, readonly C[]>>;
}

/**
 * The passages where the coders' codings of `codeId` differ: codings of the code that overlap (across
 * coders) form one passage; it is a disagreement unless every coder covered exactly the same code
 * points in it. `layers` maps each coder to their codings (of any codes, in one transcript).
 * Passages come in text order.
 */
export function disagreementsOf<C extends ComparedCoding>(
  codeId: string,
  layers: Readonly<Record<string, readonly C[]>>,
): Disagreement<C>[] {
  const coders = Object.keys(layers);
  const all = coders
    .flatMap((coder) =>
      (layers[coder] ?? []).filter((c) => c.codeId === codeId && c.start < c.end).map((c) => ({ coder, c })),
    )
    .sort((x, y) => x.c.start - y.c.start || x.c.end - y.c.end);
  const passages: { start: number; end: number; members: { coder: string; c: C }[] }[] = [];
  for (const item of all) {
    const last = passages[passages.length - 1];
    if (last && item.c.start < last.end) {
      last.end = Math.max(last.end, item.c.end);
      last.members.push(item);
    } else passages.push({ start: item.c.start, end: item.c.end, members: [item] });
  }
  const result: Disagreement<C>[] = [];
  for (const passage of passages) {
    const versions: Record<string, C[]> = {};
    for (const coder of coders) versions[coder] = [];
    for (const { coder, c } of passage.members) versions[coder]?.push(c);
    const covers = coders.map((coder) => coverKey(versions[coder] ?? []));
    if (covers.every((key) => key === covers[0])) continue;
    result.push({ codeId, start: passage.start, end: passage.end, versions });
  }
  return result;
}

/** The code points a coder's codings cover, as a comparable key (their union's stretches). */
function coverKey(codings: readonly ComparedCoding[]): string {
  const sorted = [...codings].sort((a, b) => a.start - b.start);
  const joined: [number, number][] = [];
  for (const c of sorted) {
    const last = joined[joined.length - 1];
    if (last && c.start <= last[1]) last[1] = Math.max(last[1], c.end);
    else joined.push([c.start, c.end]);
  }
  return joined.map(([s, e]) => `${s}-${e}`).join(",");
}
