import { coincidences, type Observation } from "./coincidences";

/**
 * Percent agreement for `data[coder][unit]` (`null` = no value), the same layout as
 * {@link krippendorffAlpha}: the share of pairable values whose pairs, within their unit, agree.
 *
 *   A_o = Σ_c o_cc / n = Σ_u (agreeing ordered pairs in u / (m_u − 1)) / n
 *
 * with o_cc the diagonal of Krippendorff's coincidence matrix, m_u the number of values unit u
 * received and n = Σ_u m_u over units with m_u ≥ 2. Each unit's pairwise agreement is weighted by its
 * number of values, so A_o = 1 − D_o of nominal alpha (Krippendorff 2011). For two coders without
 * missing values it is the familiar share of units they coded alike; for m coders without missing
 * values it is the mean, over units, of the share of coder pairs that agree. Units with fewer than
 * two values are dropped. Not chance-corrected.
 *
 * Returns `null` when no unit has two values. Throws {@link AgreementInputError} like alpha does.
 */
export function percentAgreement(data: readonly (readonly Observation[])[]): number | null {
  const table = coincidences(data);
  if (table.pairable === 0) return null;
  let agreeing = 0;
  table.values.forEach((_, c) => {
    agreeing += table.matrix[c]?.[c] ?? 0;
  });
  return agreeing / table.pairable;
}
