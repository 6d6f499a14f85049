import { AgreementInputError } from "./errors";
import { type CoderUnit, checkNoOverlap, readUnitizingData, type UnitizingOptions } from "./unitizing-data";

/** The continuum, its coders, and optionally the semantic domains codes belong to. */
export interface UnitizedAlphaOptions extends UnitizingOptions {
  /**
   * The semantic domain of each value, for `CuAlpha`. A value not listed is a domain of its own,
   * named by the value; without `domains`, `CuAlpha` equals `cuAlpha`.
   */
  domains?: Readonly<Record<string, string>>;
}

/** Krippendorff's alpha family for unitized continua; each is `null` where undefined. */
export interface UnitizedAlphas {
  /** uα: agreement on where units are and what value they have, gaps included (nominal). */
  uAlpha: number | null;
  /** |uα: agreement on what is relevant (any unit) and what is not (gaps), values ignored. */
  binaryUAlpha: number | null;
  /** cuα: agreement on the values where coders' units intersect, gaps ignored (nominal). */
  cuAlpha: number | null;
  /** Cuα: cuα with every value replaced by its semantic domain (see `options.domains`). */
  CuAlpha: number | null;
}

/** Where a segment has no value: a gap between one coder's units. */
const GAP = 0;

/** A stretch of one coder's partition of the continuum: a unit (group ≥ 1) or a gap. */
interface Segment {
  readonly start: number;
  readonly end: number;
  readonly group: number;
  /** Σ over other coders of its intersections with their units (then divided by m − 1). */
  pairable: number;
}

/**
 * Krippendorff's alpha family for unitizing a continuum [0, length) of code points (Krippendorff,
 * Mathet, Bouvry & Widlöcher 2016 "On the reliability of unitizing textual continua: Further
 * developments", Quality & Quantity 50; in the form of Krippendorff 2019, Content Analysis, 4th ed.,
 * section 12.6, which ATLAS.ti reports). Each of the m coders' units, with the gaps between them,
 * partition the continuum into segments; gaps take the value ∅. Lengths of intersections form a
 * coincidence matrix and expected coincidences discount each segment's pairing with itself:
 *
 *   l_ck = 1/(m − 1) Σ_i Σ_{j≠i} Σ_g Σ_h |S_icg ∩ S_jkh|
 *   e_ck = (l_c. l_.k − [c = k] Σ_{segments of value c} s²) / (l_.. − Σ_{all segments} s² / l_..)
 *   α = 1 − Σ_{c≠k} l_ck / Σ_{c≠k} e_ck
 *
 * where s is a unit's length, but for a gap s² counts as its length (a gap is no unit; each of its
 * code points stands alone).
 * - `uAlpha` uses the whole matrix, ∅ included.
 * - `binaryUAlpha` collapses it to ∅ against all values together.
 * - `cuAlpha` keeps only values, l*_ck = l_ck for c, k ≠ ∅, with each unit's s replaced by its
 *   pairable length, the mean over other coders of how much of it their units cover.
 * - `CuAlpha` is `cuAlpha` over semantic domains instead of values (ATLAS.ti's Cu-α).
 *
 * Each coder's units must not overlap (compute a group of mutually exclusive codes at a time).
 * The coders are `options.coders` if given, else those with at least one unit: a coder with no units
 * counts only if listed, and then as one who found the whole continuum irrelevant. Every coefficient
 * is `null` with fewer than two coders, and each is `null` when its expected disagreement is 0: no
 * units at all, or no gaps (binary), or no intersecting units, or one value (or domain) only.
 * Throws {@link AgreementInputError} for malformed units (see {@link readUnitizingData}) or overlaps.
 */
export function unitizedAlpha(units: readonly CoderUnit[], options: UnitizedAlphaOptions): UnitizedAlphas {
  const data = readUnitizingData(units, options);
  checkNoOverlap(data, "unitizedAlpha");
  const domainOf = domainLookup(options.domains);
  const m = data.coders.length;
  if (m < 2) return { uAlpha: null, binaryUAlpha: null, cuAlpha: null, CuAlpha: null };

  const valueGroup = new Map<string, number>();
  for (const own of data.unitsByCoder) {
    for (const unit of own) if (!valueGroup.has(unit.value)) valueGroup.set(unit.value, valueGroup.size + 1);
  }
  const partitions = data.unitsByCoder.map((own) => partition(own, data.length, valueGroup));
  const groups = valueGroup.size + 1;
  const observed = squareMatrix(groups);
  partitions.forEach((a, i) => {
    for (const b of partitions.slice(i + 1)) intersect(a, b, observed);
  });
  const coincidences = observed.map((row) => row.map((cell) => cell / (m - 1)));
  const segments = partitions.flat();
  for (const segment of segments) segment.pairable /= m - 1;
  const valued = segments.filter((segment) => segment.group !== GAP);

  const selfPairs = segments.reduce(
    (sum, { start, end, group }) => sum + (group === GAP ? end - start : (end - start) ** 2),
    0,
  );
  const pairableSelfPairs = valued.reduce((sum, unit) => sum + unit.pairable ** 2, 0);

  const domains = groupDomains(valueGroup, domainOf);

  return {
    uAlpha: lengthAlpha(coincidences, selfPairs),
    binaryUAlpha: lengthAlpha(
      collapse(coincidences, 2, (group) => (group === GAP ? 0 : 1)),
      selfPairs,
    ),
    cuAlpha: lengthAlpha(
      collapse(coincidences, groups - 1, (group) => (group === GAP ? undefined : group - 1)),
      pairableSelfPairs,
    ),
    CuAlpha: lengthAlpha(
      collapse(coincidences, domains.count, (group) =>
        group === GAP ? undefined : domains.ofGroup.get(group),
      ),
      pairableSelfPairs,
    ),
  };
}

/**
 * 1 − D_o / D_e for a coincidence matrix of lengths, where D_e discounts `selfPairs`:
 * D_e = Σ_{c≠k} l_c. l_.k / (l_.. − selfPairs / l_..).
 */
function lengthAlpha(matrix: readonly (readonly number[])[], selfPairs: number): number | null {
  const rows = matrix.map((row) => row.reduce((sum, cell) => sum + cell, 0));
  const total = rows.reduce((sum, row) => sum + row, 0);
  if (total === 0) return null;
  let observed = 0;
  let crossMargins = 0;
  matrix.forEach((row, c) => {
    row.forEach((cell, k) => {
      if (c === k) return;
      observed += cell;
      crossMargins += (rows[c] ?? 0) * (rows[k] ?? 0);
    });
  });
  const denominator = total - selfPairs / total;
  if (!(denominator > 0) || !(crossMargins > 0)) return null;
  return 1 - observed / (crossMargins / denominator);
}

/** Sums the cells of `matrix` into `size` groups; `into` returning undefined drops a row and column. */
function collapse(
  matrix: readonly (readonly number[])[],
  size: number,
  into: (group: number) => number | undefined,
): number[][] {
  const collapsed = squareMatrix(size);
  matrix.forEach((row, c) => {
    const to = into(c);
    if (to === undefined) return;
    row.forEach((cell, k) => {
      const toColumn = into(k);
      const target = collapsed[to];
      if (toColumn === undefined || target === undefined) return;
      target[toColumn] = (target[toColumn] ?? 0) + cell;
    });
  });
  return collapsed;
}

/** One coder's units with the gaps between them, covering [0, length). */
function partition(
  own: readonly CoderUnit[],
  length: number,
  valueGroup: ReadonlyMap<string, number>,
): Segment[] {
  const segments: Segment[] = [];
  let cursor = 0;
  for (const unit of own) {
    if (unit.start > cursor) segments.push({ start: cursor, end: unit.start, group: GAP, pairable: 0 });
    segments.push({
      start: unit.start,
      end: unit.end,
      group: valueGroup.get(unit.value) ?? GAP,
      pairable: 0,
    });
    cursor = unit.end;
  }
  if (cursor < length) segments.push({ start: cursor, end: length, group: GAP, pairable: 0 });
  return segments;
}

/**
 * Adds the intersections of two coders' partitions to `observed` in both directions, and to each
 * unit's pairable length where it meets the other coder's units.
 */
function intersect(a: readonly Segment[], b: readonly Segment[], observed: number[][]): void {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as Segment;
    const y = b[j] as Segment;
    const overlap = Math.min(x.end, y.end) - Math.max(x.start, y.start);
    if (overlap > 0) {
      add(observed, x.group, y.group, overlap);
      add(observed, y.group, x.group, overlap);
      if (x.group !== GAP && y.group !== GAP) {
        x.pairable += overlap;
        y.pairable += overlap;
      }
    }
    if (x.end <= y.end) i++;
    else j++;
  }
}

function add(matrix: number[][], c: number, k: number, amount: number): void {
  const row = matrix[c];
  if (row !== undefined) row[k] = (row[k] ?? 0) + amount;
}

function squareMatrix(size: number): number[][] {
  return Array.from({ length: size }, () => new Array<number>(size).fill(0));
}

/** Numbers the domains of the values 0, 1, …, and maps each value's group to its domain's number. */
function groupDomains(
  valueGroup: ReadonlyMap<string, number>,
  domainOf: (value: string) => string,
): { count: number; ofGroup: Map<number, number> } {
  const numbers = new Map<string, number>();
  const ofGroup = new Map<number, number>();
  for (const [value, group] of valueGroup) {
    const domain = domainOf(value);
    if (!numbers.has(domain)) numbers.set(domain, numbers.size);
    ofGroup.set(group, numbers.get(domain) ?? 0);
  }
  return { count: numbers.size, ofGroup };
}

function domainLookup(domains: Readonly<Record<string, string>> | undefined): (value: string) => string {
  if (domains === undefined) return (value) => value;
  if (typeof domains !== "object" || domains === null) {
    throw new AgreementInputError("options.domains must map values to the names of their semantic domains.");
  }
  for (const [value, domain] of Object.entries(domains)) {
    if (typeof domain !== "string") {
      throw new AgreementInputError(
        `options.domains gives ${JSON.stringify(value)} a domain that is not a name.`,
      );
    }
  }
  return (value) => (Object.hasOwn(domains, value) ? (domains[value] ?? value) : value);
}
