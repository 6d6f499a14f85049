import {
  type CoderUnit,
  checkNoOverlapWithinValue,
  readUnitizingData,
  type UnitizingOptions,
} from "./unitizing-data";

/** One value's share of the 1995 u-alpha. */
export interface ValueDisagreement1995 {
  value: string;
  /** uD_o for this value. */
  observedDisagreement: number;
  /** uD_e for this value. */
  expectedDisagreement: number;
  /** 1 − uD_o / uD_e for this value alone, or `null` when uD_e = 0. */
  alpha: number | null;
}

/** The 1995 u-alpha with the disagreements of each value. */
export interface UnitizedAlpha1995Details {
  /** 1 − Σ uD_o / Σ uD_e over all values, or `null` when undefined. */
  uAlpha: number | null;
  /** Each value in order of first appearance; empty with fewer than two coders. */
  perValue: readonly ValueDisagreement1995[];
}

/** A stretch of one coder's continuum for one value: a unit of that value, or a gap between them. */
export interface Section {
  readonly start: number;
  readonly end: number;
  readonly isUnit: boolean;
}

/**
 * Krippendorff's u-alpha for unitizing, in its first definition (Krippendorff 1995 "On the reliability
 * of unitizing continuous data", Sociological Methodology 25; Krippendorff 2004, Content Analysis, 2nd
 * ed., section 12.4), over the continuum [0, length) of code points. This is not the 2016/2019 family
 * of {@link unitizedAlpha}.
 *
 * For each value c, every coder's units of c and the gaps between them are sections of the continuum;
 * δ² between overlapping sections g and h of two coders ({@link sectionDistance}) gives
 *
 *   uD_o(c) = Σ_i Σ_{j≠i} Σ_g Σ_h δ²_ig,jh / (m(m − 1) L²)
 *   uD_e(c) = (2/L) Σ_units [ (N_c − 1)/3 · (2l³ − 3l² + l) + l² Σ_{gaps of length ≥ l} (gap − l + 1) ]
 *             / (mL(mL − 1) − Σ_units l(l − 1))
 *
 * over all m coders' units of c (N_c of them, lengths l) and gaps, and u-alpha = 1 − Σ_c uD_o / Σ_c uD_e.
 *
 * A coder's units of one value must not overlap; units of different values may. The coders are
 * `options.coders` if given (a listed coder with no units has gaps only), else those with units.
 * Returns `null` with fewer than two coders or when Σ uD_e = 0. Throws {@link AgreementInputError} for
 * malformed units or overlapping units of one value by one coder.
 */
export function unitizedAlpha1995(units: readonly CoderUnit[], options: UnitizingOptions): number | null {
  return unitizedAlpha1995Details(units, options).uAlpha;
}

/** {@link unitizedAlpha1995} with each value's observed and expected disagreement. */
export function unitizedAlpha1995Details(
  units: readonly CoderUnit[],
  options: UnitizingOptions,
): UnitizedAlpha1995Details {
  const data = readUnitizingData(units, options);
  checkNoOverlapWithinValue(data, "unitizedAlpha1995");
  const m = data.coders.length;
  if (m < 2) return { uAlpha: null, perValue: [] };
  const values = [...new Set(data.unitsByCoder.flat().map((unit) => unit.value))];
  const perValue = values.map((value): ValueDisagreement1995 => {
    const sections = data.unitsByCoder.map((own) =>
      sectionsOf(
        own.filter((unit) => unit.value === value),
        data.length,
      ),
    );
    const observedDisagreement = observedDisagreementOf(sections, data.length);
    const expectedDisagreement = expectedDisagreementOf(sections, data.length);
    return {
      value,
      observedDisagreement,
      expectedDisagreement,
      alpha: expectedDisagreement > 0 ? 1 - observedDisagreement / expectedDisagreement : null,
    };
  });
  const observed = perValue.reduce((sum, one) => sum + one.observedDisagreement, 0);
  const expected = perValue.reduce((sum, one) => sum + one.expectedDisagreement, 0);
  return { uAlpha: expected > 0 ? 1 - observed / expected : null, perValue };
}

/**
 * Krippendorff's (1995, 2004 p. 252) squared distance between sections of two coders:
 * - two units that overlap: (b_g − b_h)² + (e_g − e_h)², from their beginnings and ends;
 * - a unit that lies within a gap: the unit's length squared;
 * - anything else (gap and gap, sections apart, a unit not wholly inside a gap): 0.
 */
export function sectionDistance(a: Section, b: Section): number {
  if (a.isUnit && b.isUnit) {
    const overlapping = a.start < b.end && b.start < a.end;
    return overlapping ? (a.start - b.start) ** 2 + (a.end - b.end) ** 2 : 0;
  }
  if (a.isUnit && !b.isUnit && b.start <= a.start && a.end <= b.end) return (a.end - a.start) ** 2;
  if (b.isUnit && !a.isUnit && a.start <= b.start && b.end <= a.end) return (b.end - b.start) ** 2;
  return 0;
}

function observedDisagreementOf(sections: readonly (readonly Section[])[], length: number): number {
  const m = sections.length;
  let sum = 0;
  sections.forEach((a, i) => {
    for (const b of sections.slice(i + 1)) sum += 2 * overlappingDistances(a, b);
  });
  return sum / (m * (m - 1) * length * length);
}

/** Σ δ² over the pairs of sections of two coders that overlap (no other pair is ever distant). */
function overlappingDistances(a: readonly Section[], b: readonly Section[]): number {
  let sum = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as Section;
    const y = b[j] as Section;
    if (Math.min(x.end, y.end) > Math.max(x.start, y.start)) sum += sectionDistance(x, y);
    if (x.end <= y.end) i++;
    else j++;
  }
  return sum;
}

function expectedDisagreementOf(sections: readonly (readonly Section[])[], length: number): number {
  const m = sections.length;
  const all = sections.flat();
  const unitLengths = all.filter((section) => section.isUnit).map(({ start, end }) => end - start);
  const gapLengths = all
    .filter((section) => !section.isUnit)
    .map(({ start, end }) => end - start)
    .sort((x, y) => x - y);
  // gapsFrom[g] = Σ of gapLengths[g…], so Σ_{gaps ≥ l} (gap − l + 1) is one subtraction away
  const gapsFrom = new Array<number>(gapLengths.length + 1).fill(0);
  for (let g = gapLengths.length - 1; g >= 0; g--)
    gapsFrom[g] = (gapsFrom[g + 1] ?? 0) + (gapLengths[g] ?? 0);
  const unitCount = unitLengths.length;
  let numerator = 0;
  let selfPairs = 0;
  for (const l of unitLengths) {
    const first = firstAtLeast(gapLengths, l);
    const fitting = gapLengths.length - first;
    const placements = (gapsFrom[first] ?? 0) - fitting * (l - 1);
    numerator += ((unitCount - 1) / 3) * (2 * l ** 3 - 3 * l ** 2 + l) + l ** 2 * placements;
    selfPairs += l * (l - 1);
  }
  return ((2 / length) * numerator) / (m * length * (m * length - 1) - selfPairs);
}

/** The index of the first of the ascending `sorted` that is ≥ `value` (its length if none). */
function firstAtLeast(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] ?? 0) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** One coder's units of one value, with the gaps between them, covering [0, length). */
function sectionsOf(own: readonly CoderUnit[], length: number): Section[] {
  const sections: Section[] = [];
  let cursor = 0;
  for (const unit of own) {
    if (unit.start > cursor) sections.push({ start: cursor, end: unit.start, isUnit: false });
    sections.push({ start: unit.start, end: unit.end, isUnit: true });
    cursor = unit.end;
  }
  if (cursor < length) sections.push({ start: cursor, end: length, isUnit: false });
  return sections;
}
