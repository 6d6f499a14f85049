import { describe, expect, it } from "vitest";
import { seededRandom } from "../test-support/seeded-random";
import { krippendorffAlpha } from "./alpha";
import { binaryAgreement } from "./binary-counts";
import { percentAgreement } from "./percent";

describe("agreement on one binary variable from counts per unit", () => {
  it("equals nominal alpha and percent agreement on the same 0/1 matrix, for 200 seeded matrices", () => {
    for (let seed = 1; seed <= 200; seed++) {
      const random = seededRandom(seed);
      const coders = 2 + Math.floor(random() * 6);
      const units = 1 + Math.floor(random() * 40);
      const bias = random();
      const matrix = Array.from({ length: coders }, () =>
        Array.from({ length: units }, () => (random() < bias ? 1 : 0)),
      );
      const applied = Array.from({ length: units }, (_, u) =>
        matrix.reduce((sum, row) => sum + (row[u] as number), 0),
      );
      const fast = binaryAgreement(applied, coders);
      const alpha = krippendorffAlpha(matrix);
      if (alpha === null) expect(fast.alpha, `seed ${seed}`).toBeNull();
      else expect(fast.alpha, `seed ${seed}`).toBeCloseTo(alpha, 12);
      expect(fast.percent, `seed ${seed}`).toBeCloseTo(percentAgreement(matrix) as number, 12);
    }
  });

  it("is undefined with fewer than two coders or no units", () => {
    expect(binaryAgreement([1, 0], 1).alpha).toBeNull();
    expect(binaryAgreement([], 3)).toMatchObject({ alpha: null, percent: null });
  });
});
