import { describe, expect, it } from "vitest";
import { seededRandom } from "../test-support/seeded-random";
import { binaryUnitizing, type Stretch } from "./binary-unitizing";
import { characterAgreement } from "./character-agreement";
import { unitizedAlpha } from "./unitized";

describe("binary unitizing agreement in one sweep", () => {
  it("equals the unitizing alpha family's binary |u|α and ATLAS.ti's character counts, for 300 seeded continua", () => {
    for (let seed = 1; seed <= 300; seed++) {
      const random = seededRandom(seed);
      const length = 20 + Math.floor(random() * 200);
      const coders = 2 + Math.floor(random() * 5);
      const stretches: Stretch[][] = Array.from({ length: coders }, () => {
        const own: Stretch[] = [];
        let at = Math.floor(random() * 10);
        while (at < length - 1 && random() < 0.8) {
          const end = Math.min(length, at + 1 + Math.floor(random() * 30));
          own.push({ start: at, end });
          at = end + (random() < 0.2 ? 0 : 1 + Math.floor(random() * 20));
        }
        return own;
      });
      const names = stretches.map((_, i) => `c${i}`);
      const units = stretches.flatMap((own, i) => own.map((s) => ({ coder: `c${i}`, ...s, value: "coded" })));
      const fast = binaryUnitizing(stretches, length);
      const { binaryUAlpha } = unitizedAlpha(units, { length, coders: names });
      if (binaryUAlpha === null) expect(fast.alpha, `seed ${seed}`).toBeNull();
      else expect(fast.alpha, `seed ${seed}`).toBeCloseTo(binaryUAlpha, 10);
      const { agreed, disagreed } = characterAgreement(units, { length, coders: names });
      if (agreed + disagreed === 0) expect(fast.percent).toBeNull();
      else expect(fast.percent, `seed ${seed}`).toBeCloseTo(agreed / (agreed + disagreed), 12);
    }
  });

  it("is 1 for identical coding and undefined without stretches, without gaps or with one coder", () => {
    const same = [{ start: 3, end: 10 }];
    expect(binaryUnitizing([same, same], 50)).toEqual({ alpha: 1, percent: 1 });
    expect(binaryUnitizing([[], []], 50).alpha).toBeNull();
    expect(binaryUnitizing([[{ start: 0, end: 50 }], [{ start: 0, end: 50 }]], 50).alpha).toBeNull();
    expect(binaryUnitizing([same], 50).alpha).toBeNull();
  });
});
