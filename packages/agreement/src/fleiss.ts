import { AgreementInputError } from "./errors";

/** Fleiss' kappa with the agreements it is made of. */
export interface FleissDetails {
  /** κ = (P̄ − P̄_e) / (1 − P̄_e), or `null` when undefined. */
  kappa: number | null;
  /** P_i for each subject: the share of rater pairs that agree on it (empty when raters < 2). */
  subjectAgreement: readonly number[];
  /** P̄, the mean of the P_i; `null` without subjects or with fewer than two raters each. */
  meanAgreement: number | null;
  /** P̄_e = Σ_j p_j², the agreement expected from the categories' overall shares; `null` likewise. */
  chanceAgreement: number | null;
}

/**
 * Fleiss' (1971) kappa for `counts[subject][category]`, the number of raters who put each subject in
 * each category; every subject must have the same number of raters n (who they are may differ):
 *
 *   P_i = (Σ_j n_ij² − n) / (n(n − 1)),  P̄ = (1/N) Σ_i P_i,
 *   p_j = (1/(N n)) Σ_i n_ij,  P̄_e = Σ_j p_j²,  κ = (P̄ − P̄_e) / (1 − P̄_e)
 *
 * Returns `null` when there are no subjects, fewer than two raters per subject, or P̄_e = 1 (every
 * rater chose the same single category). Throws {@link AgreementInputError} for ragged rows, counts
 * that are not whole numbers ≥ 0, or subjects with different numbers of raters.
 */
export function fleissKappa(counts: readonly (readonly number[])[]): number | null {
  return fleissKappaDetails(counts).kappa;
}

/** {@link fleissKappa} with its per-subject, mean and chance agreement. */
export function fleissKappaDetails(counts: readonly (readonly number[])[]): FleissDetails {
  const raters = checkCounts(counts);
  const undefinedResult = { kappa: null, subjectAgreement: [], meanAgreement: null, chanceAgreement: null };
  if (counts.length === 0 || raters < 2) return undefinedResult;
  const subjectAgreement = counts.map(
    (row) => (row.reduce((sum, n) => sum + n * n, 0) - raters) / (raters * (raters - 1)),
  );
  const meanAgreement = subjectAgreement.reduce((sum, p) => sum + p, 0) / counts.length;
  const categoryCount = counts[0]?.length ?? 0;
  let chanceAgreement = 0;
  for (let j = 0; j < categoryCount; j++) {
    const share = counts.reduce((sum, row) => sum + (row[j] ?? 0), 0) / (counts.length * raters);
    chanceAgreement += share * share;
  }
  return {
    kappa: chanceAgreement < 1 ? (meanAgreement - chanceAgreement) / (1 - chanceAgreement) : null,
    subjectAgreement,
    meanAgreement,
    chanceAgreement,
  };
}

/** Checks the table and returns the number of raters per subject (0 without subjects). */
function checkCounts(counts: readonly (readonly number[])[]): number {
  if (!Array.isArray(counts)) {
    throw new AgreementInputError(
      "Fleiss' kappa needs an array of subjects, each an array of category counts.",
    );
  }
  const categoryCount = counts[0]?.length ?? 0;
  let raters: number | undefined;
  counts.forEach((row, subject) => {
    if (!Array.isArray(row) || row.length !== categoryCount) {
      throw new AgreementInputError(
        `Subject ${subject} has ${Array.isArray(row) ? row.length : "no"} category counts; subject 0 has ${categoryCount}. Every subject needs one count per category.`,
      );
    }
    let total = 0;
    for (let j = 0; j < row.length; j++) {
      const n = row[j];
      if (typeof n !== "number" || !Number.isInteger(n) || n < 0) {
        throw new AgreementInputError(
          `Subject ${subject}, category ${j}: ${String(n)} is not a count of raters (a whole number ≥ 0).`,
        );
      }
      total += n;
    }
    if (raters !== undefined && total !== raters) {
      throw new AgreementInputError(
        `Subject ${subject} has ${total} ratings but subject 0 has ${raters}: Fleiss' kappa needs the same number of raters for every subject.`,
      );
    }
    raters = total;
  });
  return raters ?? 0;
}
