/** A coded stretch [start, end) of a continuum. */
export interface Stretch {
  readonly start: number;
  readonly end: number;
}

/**
 * The binary unitizing alpha |u|α ("coded" against gap) and the share of coded code points coded
 * alike, for `stretches[coder]` (each coder's stretches apart from one another) on a continuum of
 * `length` code points: the same values as {@link unitizedAlpha}'s `binaryUAlpha` and
 * {@link characterAgreement}'s agreed / (agreed + disagreed), in one sweep. With k(x) the number of
 * the m coders who coded code point x:
 *
 *   l_1∅ = ∫ k (m − k) dx / (m − 1),  l_1· = ∫ k dx,  l_·· = m L
 *   Σ s² = Σ_units |u|² + (m L − l_1·)   (a gap's code points each stand alone)
 *   e_1∅ = l_1· (l_·· − l_1·) / (l_·· − Σ s² / l_··),  α = 1 − l_1∅ / e_1∅
 *   percent = ∫ C(k, 2) dx / (∫ C(k, 2) dx + ∫ k (m − k) dx)
 *
 * α is null with fewer than two coders or when e_1∅ = 0 (no stretch at all, or no gap); percent is
 * null when nobody coded anything.
 */
export function binaryUnitizing(
  stretches: readonly (readonly Stretch[])[],
  length: number,
): { alpha: number | null; percent: number | null } {
  const m = stretches.length;
  if (m < 2 || length <= 0) return { alpha: null, percent: null };
  const events: number[] = [];
  let squares = 0;
  for (const own of stretches) {
    for (const { start, end } of own) {
      events.push(start * 2 + 1, end * 2);
      squares += (end - start) * (end - start);
    }
  }
  // Ends before starts at the same point (an end is even, a start odd), so touching stretches never overlap.
  events.sort((a, b) => a - b);
  let k = 0;
  let at = 0;
  let coded = 0;
  let disagreeing = 0;
  let agreeing = 0;
  for (const event of events) {
    const point = event >> 1;
    const span = point - at;
    if (span > 0 && k > 0) {
      coded += k * span;
      disagreeing += k * (m - k) * span;
      agreeing += ((k * (k - 1)) / 2) * span;
    }
    at = point;
    k += event & 1 ? 1 : -1;
  }
  const total = m * length;
  const sumSquares = squares + (total - coded);
  const expected = (coded * (total - coded)) / (total - sumSquares / total);
  const observed = disagreeing / (m - 1);
  return {
    alpha: expected > 0 ? 1 - observed / expected : null,
    percent: agreeing + disagreeing > 0 ? agreeing / (agreeing + disagreeing) : null,
  };
}
