import { type CoderUnit, readUnitizingData, type UnitizingOptions } from "./unitizing-data";

/** Code points coded alike and differently, summed over pairs of coders and values. */
export interface CharacterAgreement {
  /** Code points both coders of a pair gave the same value. */
  agreed: number;
  /** Code points one coder of a pair gave a value and the other did not. */
  disagreed: number;
}

/**
 * How many code points coders agree and disagree on, the counts ATLAS.ti's inter-coder agreement
 * view starts from ("How Agreement and Disagreement is Measured", ATLAS.ti 9 manual): for each value
 * and each pair of coders, the code points both gave that value agree (|A ∩ B|) and those only one of
 * them gave it disagree (|A ∖ B| + |B ∖ A|). A coder's overlapping units of one value count their
 * code points once. Not chance-corrected: use {@link unitizedAlpha} for a reliability coefficient.
 *
 * The coders are `options.coders` if given, else those with units; a listed coder with no units
 * disagrees with every code point the others coded. Throws {@link AgreementInputError} for malformed
 * units (see {@link readUnitizingData}).
 */
export function characterAgreement(
  units: readonly CoderUnit[],
  options: UnitizingOptions,
): CharacterAgreement {
  const data = readUnitizingData(units, options);
  const values = [...new Set(data.unitsByCoder.flat().map((unit) => unit.value))];
  let agreed = 0;
  let disagreed = 0;
  for (const value of values) {
    const coverage = data.unitsByCoder.map((own) => covered(own.filter((unit) => unit.value === value)));
    coverage.forEach((a, i) => {
      for (const b of coverage.slice(i + 1)) {
        const both = intersection(a, b);
        agreed += both;
        disagreed += size(a) + size(b) - 2 * both;
      }
    });
  }
  return { agreed, disagreed };
}

type Interval = readonly [start: number, end: number];

/** The union of units sorted by start, as disjoint intervals in order. */
function covered(units: readonly CoderUnit[]): Interval[] {
  const merged: [number, number][] = [];
  for (const { start, end } of units) {
    const last = merged.at(-1);
    if (last !== undefined && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

function size(intervals: readonly Interval[]): number {
  return intervals.reduce((sum, [start, end]) => sum + end - start, 0);
}

function intersection(a: readonly Interval[], b: readonly Interval[]): number {
  let sum = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const [aStart, aEnd] = a[i] as Interval;
    const [bStart, bEnd] = b[j] as Interval;
    sum += Math.max(0, Math.min(aEnd, bEnd) - Math.max(aStart, bStart));
    if (aEnd <= bEnd) i++;
    else j++;
  }
  return sum;
}
