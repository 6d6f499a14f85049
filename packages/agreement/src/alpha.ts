import { type Coincidences, coincidences, type Observation, type PairableValue } from "./coincidences";
import { AgreementInputError } from "./errors";

/** The metric Krippendorff's alpha measures differences between values with. */
export const MeasurementLevel = {
  nominal: "nominal",
  ordinal: "ordinal",
  interval: "interval",
  ratio: "ratio",
} as const;

/** One of the measurement levels. */
export type MeasurementLevel = (typeof MeasurementLevel)[keyof typeof MeasurementLevel];

/** How {@link krippendorffAlpha} compares values. */
export interface AlphaOptions {
  /** Nominal (the default) takes any labels; the other levels need numbers. */
  level?: MeasurementLevel;
}

/** Krippendorff's alpha with the parts it is made of. */
export interface AlphaDetails {
  /** α = 1 − D_o / D_e, or `null` when undefined (nothing pairable, or D_e = 0). */
  alpha: number | null;
  /** D_o = (1/n) Σ_c Σ_k o_ck δ²_ck, or `null` when nothing is pairable. */
  observedDisagreement: number | null;
  /** D_e = 1/(n(n − 1)) Σ_c Σ_k n_c n_k δ²_ck, or `null` when nothing is pairable. */
  expectedDisagreement: number | null;
  /** n, the number of pairable values (values in units that received at least two). */
  pairableValues: number;
}

/**
 * Krippendorff's alpha for `data[coder][unit]` (`null` = the coder gave that unit no value), through
 * the coincidence matrix of Krippendorff (2011) "Computing Krippendorff's Alpha-Reliability":
 *
 *   α = 1 − D_o / D_e,  D_o = (1/n) Σ_c Σ_k o_ck δ²_ck,  D_e = 1/(n(n − 1)) Σ_c Σ_k n_c n_k δ²_ck
 *
 * where o_ck are the coincidences, n_c their marginals and n the number of pairable values. Units with
 * fewer than two values are dropped. The difference function δ² follows `options.level`:
 * - nominal: 0 if c = k, else 1 (labels or numbers; `1` and `"1"` are different labels);
 * - ordinal: (Σ_{g from c to k} n_g − (n_c + n_k)/2)², over values ranked by number;
 * - interval: (c − k)²;
 * - ratio: ((c − k)/(c + k))², for values ≥ 0.
 *
 * Returns `null` when no value is pairable or when D_e = 0 (only one value was ever used).
 * Throws {@link AgreementInputError} for ragged data, values that are not labels, finite numbers or
 * `null`, labels at a level that needs numbers, or negative values at the ratio level.
 */
export function krippendorffAlpha(
  data: readonly (readonly Observation[])[],
  options: AlphaOptions = {},
): number | null {
  return krippendorffAlphaDetails(data, options).alpha;
}

/** {@link krippendorffAlpha} with its observed and expected disagreement and its n. */
export function krippendorffAlphaDetails(
  data: readonly (readonly Observation[])[],
  options: AlphaOptions = {},
): AlphaDetails {
  const level = checkLevel(options?.level);
  const table = coincidences(data);
  const n = table.pairable;
  if (n === 0) {
    return { alpha: null, observedDisagreement: null, expectedDisagreement: null, pairableValues: 0 };
  }
  const delta = differenceFunction(level, table);
  let observed = 0;
  let expected = 0;
  table.values.forEach((_, c) => {
    table.values.forEach((_, k) => {
      const difference = delta(c, k);
      if (difference === 0) return;
      observed += (table.matrix[c]?.[k] ?? 0) * difference;
      expected += (table.totals[c] ?? 0) * (table.totals[k] ?? 0) * difference;
    });
  });
  const observedDisagreement = observed / n;
  const expectedDisagreement = expected / (n * (n - 1));
  return {
    alpha: expectedDisagreement > 0 ? 1 - observedDisagreement / expectedDisagreement : null,
    observedDisagreement,
    expectedDisagreement,
    pairableValues: n,
  };
}

function checkLevel(level: unknown): MeasurementLevel {
  if (level === undefined) return MeasurementLevel.nominal;
  if (Object.values(MeasurementLevel).includes(level as MeasurementLevel)) return level as MeasurementLevel;
  throw new AgreementInputError(`Unknown level ${String(level)}: use nominal, ordinal, interval or ratio.`);
}

/** δ²(c, k) between the values at indices c and k of `table.values`. */
function differenceFunction(level: MeasurementLevel, table: Coincidences): (c: number, k: number) => number {
  if (level === MeasurementLevel.nominal) return (c, k) => (c === k ? 0 : 1);
  const numbers = table.values.map((value) => numericValue(value, level));
  if (level === MeasurementLevel.interval) {
    return (c, k) => ((numbers[c] ?? 0) - (numbers[k] ?? 0)) ** 2;
  }
  if (level === MeasurementLevel.ratio) {
    for (const value of numbers) {
      if (value < 0) {
        throw new AgreementInputError(`Ratio values cannot be negative (found ${value}); use interval.`);
      }
    }
    return (c, k) => {
      const sum = (numbers[c] ?? 0) + (numbers[k] ?? 0);
      return sum === 0 ? 0 : (((numbers[c] ?? 0) - (numbers[k] ?? 0)) / sum) ** 2;
    };
  }
  return ordinalDifference(numbers, table.totals);
}

/**
 * Krippendorff's ordinal δ²: the squared number of pairable values ranked from c to k, counting the
 * two ends by half.
 */
function ordinalDifference(numbers: readonly number[], totals: readonly number[]) {
  const order = numbers.map((_, at) => at).sort((x, y) => (numbers[x] ?? 0) - (numbers[y] ?? 0));
  const rank = new Array<number>(numbers.length);
  order.forEach((at, position) => {
    rank[at] = position;
  });
  // cumulative[r] = Σ of the marginals of the values ranked below r
  const cumulative = [0];
  for (const at of order) cumulative.push((cumulative.at(-1) ?? 0) + (totals[at] ?? 0));
  return (c: number, k: number): number => {
    if (c === k) return 0;
    const low = Math.min(rank[c] ?? 0, rank[k] ?? 0);
    const high = Math.max(rank[c] ?? 0, rank[k] ?? 0);
    const between = (cumulative[high + 1] ?? 0) - (cumulative[low] ?? 0);
    return (between - ((totals[c] ?? 0) + (totals[k] ?? 0)) / 2) ** 2;
  };
}

function numericValue(value: PairableValue, level: MeasurementLevel): number {
  if (typeof value === "number") return value;
  throw new AgreementInputError(
    `The ${level} level needs numbers, but the label ${JSON.stringify(value)} was given; use nominal for labels.`,
  );
}
