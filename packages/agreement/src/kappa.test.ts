import { describe, expect, it } from "vitest";
import { expectWithin } from "../test-support/expect-within";
import { publishedExample } from "../test-support/published-examples";
import { crossTabulate, type Label } from "./cross-tabulation";
import { AgreementInputError } from "./errors";
import { bennettS, cohenKappa, cohenKappaDetails, scottPi } from "./kappa";

interface ContingencyTable {
  categories: string[];
  table: number[][];
}

/** Two coders' labels, unit by unit, that cross-tabulate to `table` (rows: first coder). */
function labelsOf({ categories, table }: ContingencyTable): [Label[], Label[]] {
  const a: Label[] = [];
  const b: Label[] = [];
  table.forEach((row, i) => {
    row.forEach((count, j) => {
      for (let unit = 0; unit < count; unit++) {
        a.push(categories[i] as string);
        b.push(categories[j] as string);
      }
    });
  });
  return [a, b];
}

const grants = publishedExample<
  ContingencyTable,
  number,
  { po: number; pe: number; A_yes: number; B_yes: number }
>("wikipedia_cohen_grant_proposals");
const [readerA, readerB] = labelsOf(grants.data);

describe("Cohen's kappa on Wikipedia's 'Cohen's kappa' worked example (50 grant proposals, readers A and B)", () => {
  it("is 0.4", () => {
    expectWithin(cohenKappa(readerA, readerB), grants.expected, grants.tolerance);
  });

  it("has p_o = 0.7 and p_e = 0.5", () => {
    const details = cohenKappaDetails(readerA, readerB);
    expectWithin(details.observedAgreement, grants.expected_details?.po ?? Number.NaN, 1e-12);
    expectWithin(details.expectedAgreement, grants.expected_details?.pe ?? Number.NaN, 1e-12);
  });

  it("reads reader A's 25 and reader B's 30 yeses from the labels", () => {
    const table = crossTabulate(readerA, readerB);
    const yes = table.categories.indexOf("Yes");
    expect(table.firstTotals[yes]).toBe(grants.expected_details?.A_yes);
    expect(table.secondTotals[yes]).toBe(grants.expected_details?.B_yes);
  });
});

describe("Cohen's kappa", () => {
  it("is 1 when the coders agree on every unit and use more than one label", () => {
    expect(cohenKappa(["a", "b", "a"], ["a", "b", "a"])).toBe(1);
  });

  it("is null when both coders used one and the same label throughout, or there are no units", () => {
    expect(cohenKappa(["a", "a"], ["a", "a"])).toBeNull();
    expect(cohenKappaDetails([], [])).toEqual({
      kappa: null,
      observedAgreement: null,
      expectedAgreement: null,
    });
  });

  it("is 0 when one coder used a single label and the other did not agree beyond chance", () => {
    expect(cohenKappa(["a", "a", "a", "a"], ["a", "b", "a", "b"])).toBe(0);
  });

  it("weighs disagreements by the distance between numeric labels", () => {
    const a = [1, 2, 3, 1, 2, 3];
    const b = [1, 2, 3, 2, 3, 1];
    // N = 6; margins 2, 2, 2 for each coder; off-diagonal cells (1,2), (2,3), (3,1) hold one unit each.
    // linear: D_o = (1/2 + 1/2 + 1)/6 = 1/3, D_e = Σ_ij w_ij · 4/36 = (4 · 1/2 + 2 · 1) · 4/36 = 4/9
    expect(cohenKappa(a, b, { weights: "linear" })).toBeCloseTo(1 - 1 / 3 / (4 / 9), 12);
    // quadratic: D_o = (1/4 + 1/4 + 1)/6 = 1/4, D_e = (4 · 1/4 + 2 · 1) · 4/36 = 1/3
    expect(cohenKappa(a, b, { weights: "quadratic" })).toBeCloseTo(1 - 1 / 4 / (1 / 3), 12);
    // unweighted: p_o = 1/2, p_e = 1/3
    expect(cohenKappa(a, b)).toBeCloseTo((1 / 2 - 1 / 3) / (1 - 1 / 3), 12);
  });

  it("counts a scale point nobody used as distance, since weights follow the numbers, not their ranks", () => {
    const a = [1, 2, 4, 1, 4, 2, 1];
    const b = [1, 4, 4, 2, 2, 2, 1];
    const ranked = (labels: number[]) => labels.map((x) => (x === 4 ? 3 : x));
    expect(cohenKappa(a, b, { weights: "linear" })).not.toBeCloseTo(
      cohenKappa(ranked(a), ranked(b), { weights: "linear" }) ?? Number.NaN,
      3,
    );
    const shifted = (labels: number[]) => labels.map((x) => 10 * x + 7);
    expect(cohenKappa(shifted(a), shifted(b), { weights: "quadratic" })).toBeCloseTo(
      cohenKappa(a, b, { weights: "quadratic" }) ?? Number.NaN,
      12,
    );
  });

  it("gives the unweighted kappa for any weights when there are only two labels", () => {
    expect(cohenKappa([0, 1, 1, 0, 1], [0, 1, 0, 0, 0], { weights: "quadratic" })).toBeCloseTo(
      cohenKappa([0, 1, 1, 0, 1], [0, 1, 0, 0, 0]) ?? Number.NaN,
      12,
    );
  });

  it("refuses weights for labels that are not numbers", () => {
    expect(() => cohenKappa(["low", "high"], ["low", "low"], { weights: "linear" })).toThrow(
      /numeric labels/,
    );
    expect(() => cohenKappa([1, 2], [1, 1], { weights: "cubic" as never })).toThrow(/Unknown weights/);
  });

  it("refuses coders who labelled different numbers of units, and missing labels", () => {
    expect(() => cohenKappa(["a", "b"], ["a"])).toThrow(AgreementInputError);
    expect(() => cohenKappa(["a", null as never], ["a", "b"])).toThrow(/not a string or a finite number/);
    expect(() => cohenKappa("ab" as never, ["a", "b"])).toThrow(AgreementInputError);
  });
});

describe("Scott's pi", () => {
  it("pools both readers' yeses for chance on Wikipedia's grant proposals: p_e = 0.55² + 0.45²", () => {
    const pe = 0.55 ** 2 + 0.45 ** 2;
    expect(scottPi(readerA, readerB)).toBeCloseTo((0.7 - pe) / (1 - pe), 12);
  });

  it("is 1 for full agreement and null when only one label was used", () => {
    expect(scottPi([1, 2], [1, 2])).toBe(1);
    expect(scottPi([1, 1], [1, 1])).toBeNull();
    expect(scottPi([], [])).toBeNull();
  });

  it("refuses mismatched lengths", () => {
    expect(() => scottPi([1], [1, 2])).toThrow(AgreementInputError);
  });
});

describe("Bennett, Alpert and Goldstein's S", () => {
  it("takes the labels used as the categories by default: (2 · 0.7 − 1)/(2 − 1) on the grant proposals", () => {
    expect(bennettS(readerA, readerB)).toBeCloseTo(0.4, 12);
  });

  it("takes the number of categories available when given", () => {
    expect(bennettS(readerA, readerB, { categories: 4 })).toBeCloseTo((4 * 0.7 - 1) / 3, 12);
  });

  it("is null with a single category, or without units", () => {
    expect(bennettS(["a", "a"], ["a", "a"])).toBeNull();
    expect(bennettS([], [])).toBeNull();
  });

  it("refuses fewer categories than labels used, or a fractional count", () => {
    expect(() => bennettS(["a", "b", "c"], ["a", "b", "b"], { categories: 2 })).toThrow(/at least 3/);
    expect(() => bennettS(["a", "b"], ["a", "b"], { categories: 2.5 })).toThrow(AgreementInputError);
  });
});
