import { type CrossTabulation, crossTabulate, type Label } from "./cross-tabulation";
import { AgreementInputError } from "./errors";

/** Disagreement weights for ordered (numeric) labels in {@link cohenKappa}. */
export const KappaWeights = { linear: "linear", quadratic: "quadratic" } as const;

/** One of the weighting schemes. */
export type KappaWeights = (typeof KappaWeights)[keyof typeof KappaWeights];

/** How {@link cohenKappa} weighs disagreements. */
export interface CohenKappaOptions {
  /** Unweighted (every disagreement counts fully) unless set; weights need numeric labels. */
  weights?: KappaWeights;
}

/** Cohen's kappa with the agreements it is made of. */
export interface KappaDetails {
  /** κ, or `null` when undefined (no units, or no disagreement expected by chance). */
  kappa: number | null;
  /** p_o = 1 − D_o: the (weighted) share of units the coders agree on; `null` without units. */
  observedAgreement: number | null;
  /** p_e = 1 − D_e: the agreement expected from the coders' own label frequencies; `null` without units. */
  expectedAgreement: number | null;
}

/**
 * Cohen's (1960) kappa for two coders' labels of the same units in the same order:
 *
 *   κ = (p_o − p_e) / (1 − p_e),  p_o = Σ_i n_ii / N,  p_e = Σ_i (n_i. / N)(n_.i / N)
 *
 * with n_ij the units the first coder labelled i and the second j. With `weights` it is Cohen's
 * (1968) weighted kappa, κ_w = 1 − Σ w_ij n_ij / Σ w_ij n_i. n_.j / N, for numeric labels only:
 * the disagreement weight of labels x and y is |x − y| / (max − min) (linear) or its square
 * (quadratic), max and min being the largest and smallest label used. Weights thus follow the numbers
 * themselves, not the ranks of the labels that happened to be used: on a scale of consecutive integers
 * they are the usual (Cicchetti–Allison, Fleiss–Cohen) weights over the whole scale, and a scale point
 * nobody used still counts as distance.
 *
 * Returns `null` for no units or when p_e = 1 (both coders used one and the same label throughout).
 * Throws {@link AgreementInputError} for arrays of different lengths, labels that are not strings or
 * finite numbers, or weights with non-numeric labels.
 */
export function cohenKappa(
  a: readonly Label[],
  b: readonly Label[],
  options: CohenKappaOptions = {},
): number | null {
  return cohenKappaDetails(a, b, options).kappa;
}

/** {@link cohenKappa} with its observed and expected agreement. */
export function cohenKappaDetails(
  a: readonly Label[],
  b: readonly Label[],
  options: CohenKappaOptions = {},
): KappaDetails {
  const table = crossTabulate(a, b);
  if (table.units === 0) return { kappa: null, observedAgreement: null, expectedAgreement: null };
  const weight = disagreementWeight(table.categories, options?.weights);
  const n = table.units;
  let observed = 0;
  let expected = 0;
  table.categories.forEach((_, i) => {
    table.categories.forEach((_, j) => {
      const w = weight(i, j);
      if (w === 0) return;
      observed += w * (table.counts[i]?.[j] ?? 0);
      expected += w * (table.firstTotals[i] ?? 0) * (table.secondTotals[j] ?? 0);
    });
  });
  return chanceCorrected(observed / n, expected / (n * n));
}

/**
 * Scott's (1955) pi for two coders' labels of the same units in the same order: like Cohen's kappa,
 * but chance agreement comes from the labels' frequencies pooled over both coders:
 *
 *   π = (p_o − p_e) / (1 − p_e),  p_e = Σ_k ((n_k. + n_.k) / 2N)²
 *
 * Returns `null` for no units or when only one label was used. Throws like {@link cohenKappa}.
 */
export function scottPi(a: readonly Label[], b: readonly Label[]): number | null {
  const table = crossTabulate(a, b);
  if (table.units === 0) return null;
  const pooled = table.categories.map(
    (_, k) => ((table.firstTotals[k] ?? 0) + (table.secondTotals[k] ?? 0)) / (2 * table.units),
  );
  const expected = 1 - pooled.reduce((sum, p) => sum + p * p, 0);
  return chanceCorrected(nominalDisagreement(table), expected).kappa;
}

/** How {@link bennettS} counts the categories a coder could choose from. */
export interface BennettSOptions {
  /** q, the number of categories available; defaults to the number of distinct labels either coder used. */
  categories?: number;
}

/**
 * Bennett, Alpert and Goldstein's (1954) S for two coders' labels of the same units in the same
 * order: chance agreement assumes all q categories equally likely,
 *
 *   S = (p_o − 1/q) / (1 − 1/q) = (q p_o − 1) / (q − 1)
 *
 * Returns `null` for no units or q = 1. Throws {@link AgreementInputError} like {@link cohenKappa},
 * and when `categories` is not an integer at least as large as the number of labels used.
 */
export function bennettS(
  a: readonly Label[],
  b: readonly Label[],
  options: BennettSOptions = {},
): number | null {
  const table = crossTabulate(a, b);
  const used = table.categories.length;
  const q = options?.categories ?? used;
  if (options?.categories !== undefined && (!Number.isInteger(q) || q < Math.max(1, used))) {
    throw new AgreementInputError(
      `categories must be a whole number of at least ${Math.max(1, used)} (the labels used), not ${q}.`,
    );
  }
  if (table.units === 0) return null;
  return chanceCorrected(nominalDisagreement(table), 1 - 1 / q).kappa;
}

/** The coefficient 1 − D_o / D_e from observed and chance-expected disagreement. */
function chanceCorrected(observed: number, expected: number): KappaDetails {
  return {
    kappa: expected > 0 ? 1 - observed / expected : null,
    observedAgreement: 1 - observed,
    expectedAgreement: 1 - expected,
  };
}

/** D_o = 1 − p_o, the share of units labelled differently. */
function nominalDisagreement(table: CrossTabulation): number {
  let agreeing = 0;
  table.categories.forEach((_, i) => {
    agreeing += table.counts[i]?.[i] ?? 0;
  });
  return (table.units - agreeing) / table.units;
}

function disagreementWeight(
  categories: readonly Label[],
  weights: KappaWeights | undefined,
): (i: number, j: number) => number {
  if (weights === undefined) return (i, j) => (i === j ? 0 : 1);
  if (weights !== KappaWeights.linear && weights !== KappaWeights.quadratic) {
    throw new AgreementInputError(`Unknown weights ${String(weights)}: use linear or quadratic.`);
  }
  const numbers = categories.map((label) => {
    if (typeof label === "number") return label;
    throw new AgreementInputError(
      `Weighted kappa needs numeric labels to order them, but ${JSON.stringify(label)} was given.`,
    );
  });
  const range = Math.max(...numbers) - Math.min(...numbers);
  const power = weights === KappaWeights.linear ? 1 : 2;
  return (i, j) => (range === 0 ? 0 : (Math.abs((numbers[i] ?? 0) - (numbers[j] ?? 0)) / range) ** power);
}
