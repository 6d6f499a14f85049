import { AgreementInputError } from "./errors";

/** One coder's value for one unit: a category label or a number, or `null` where the coder gave none. */
export type Observation = string | number | null;

/** A value that can be paired: an observation that is not missing. */
export type PairableValue = string | number;

/**
 * Krippendorff's coincidence matrix of reliability data: how often each value was paired with each
 * other value by two different coders within a unit, each unit weighted so that every pairable value
 * counts once (Krippendorff 2011, section C).
 */
export interface Coincidences {
  /** The distinct pairable values, in the order first seen (coder by coder, unit by unit). */
  readonly values: readonly PairableValue[];
  /** `matrix[c][k]` is o_ck, the coincidences of `values[c]` with `values[k]`. */
  readonly matrix: readonly (readonly number[])[];
  /** `totals[c]` is n_c = Σ_k o_ck, how often `values[c]` was pairable. */
  readonly totals: readonly number[];
  /** n = Σ_c n_c, the number of pairable values. */
  readonly pairable: number;
}

/**
 * The coincidence matrix of `data[coder][unit]`:
 * o_ck = Σ_u (number of c–k pairs of values from different coders in unit u) / (m_u − 1),
 * where m_u is the number of values unit u received. Units with fewer than two values (m_u < 2) are
 * not pairable and are left out. Throws {@link AgreementInputError} for ragged rows or values that
 * are neither strings, finite numbers nor `null`.
 */
export function coincidences(data: readonly (readonly Observation[])[]): Coincidences {
  const unitCount = checkReliabilityData(data);
  const index = new Map<PairableValue, number>();
  const values: PairableValue[] = [];
  const matrix: number[][] = [];
  const indexOf = (value: PairableValue): number => {
    let at = index.get(value);
    if (at === undefined) {
      at = values.length;
      index.set(value, at);
      values.push(value);
      for (const row of matrix) row.push(0);
      matrix.push(new Array<number>(at + 1).fill(0));
    }
    return at;
  };
  for (let unit = 0; unit < unitCount; unit++) {
    const unitValues = data
      .map((row) => row[unit])
      .filter((value): value is PairableValue => value !== null && value !== undefined);
    if (unitValues.length < 2) continue;
    const counts = new Map<number, number>();
    for (const value of unitValues) {
      const at = indexOf(value);
      counts.set(at, (counts.get(at) ?? 0) + 1);
    }
    for (const [c, nc] of counts) {
      for (const [k, nk] of counts) {
        const pairs = c === k ? nc * (nc - 1) : nc * nk;
        addTo(matrix, c, k, pairs / (unitValues.length - 1));
      }
    }
  }
  const totals = matrix.map((row) => row.reduce((sum, cell) => sum + cell, 0));
  const pairable = totals.reduce((sum, total) => sum + total, 0);
  return { values, matrix, totals, pairable };
}

function addTo(matrix: number[][], c: number, k: number, amount: number): void {
  const row = matrix[c];
  if (row !== undefined) row[k] = (row[k] ?? 0) + amount;
}

/** Checks `data[coder][unit]` and returns the number of units. */
function checkReliabilityData(data: readonly (readonly Observation[])[]): number {
  if (!Array.isArray(data)) {
    throw new AgreementInputError("Reliability data must be an array of coders, each an array of units.");
  }
  const first = data[0];
  const unitCount = first === undefined ? 0 : first.length;
  data.forEach((row, coder) => {
    if (!Array.isArray(row)) {
      throw new AgreementInputError(`Coder ${coder} is not an array of values, one per unit.`);
    }
    if (row.length !== unitCount) {
      throw new AgreementInputError(
        `Coder ${coder} has ${row.length} values but coder 0 has ${unitCount}: every coder needs one value (or null) per unit.`,
      );
    }
    for (let unit = 0; unit < unitCount; unit++) {
      const value = row[unit];
      if (value === null || typeof value === "string") continue;
      if (typeof value === "number" && Number.isFinite(value)) continue;
      throw new AgreementInputError(
        `Coder ${coder}, unit ${unit}: ${String(value)} is not a label, a finite number or null.`,
      );
    }
  });
  return unitCount;
}
