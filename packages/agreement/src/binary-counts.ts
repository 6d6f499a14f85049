/**
 * Agreement on one binary variable ("was code X applied here?") that every one of `coders` coders
 * answered for every unit, from `applied[u]`: how many coders applied it to unit u. The same values
 * as {@link krippendorffAlpha} (nominal) and {@link percentAgreement} on the 0/1 matrix, computed
 * from the coincidences of each unit directly, in one pass (Krippendorff 2011):
 *
 *   o_01 = Σ_u k_u (m − k_u) / (m − 1),  n_1 = Σ_u k_u,  n_0 = n − n_1,  n = N m
 *   α = 1 − (n − 1) o_01 / (n_0 n_1),   A_o = 1 − 2 o_01 / n
 *
 * α is `null` when n_0 n_1 = 0 (no variation: nobody, or everybody, applied it everywhere); both are
 * `null` with fewer than two coders or no units.
 */
export function binaryAgreement(
  applied: ArrayLike<number>,
  coders: number,
): { alpha: number | null; percent: number | null; applied: number; units: number } {
  const units = applied.length;
  if (coders < 2 || units === 0) return { alpha: null, percent: null, applied: 0, units };
  let ones = 0;
  let disagreeing = 0;
  for (let u = 0; u < units; u++) {
    const k = applied[u] as number;
    ones += k;
    disagreeing += k * (coders - k);
  }
  const n = units * coders;
  const o01 = disagreeing / (coders - 1);
  const zeros = n - ones;
  const alpha = ones === 0 || zeros === 0 ? null : 1 - ((n - 1) * o01) / (zeros * ones);
  return { alpha, percent: 1 - (2 * o01) / n, applied: ones, units };
}
