import { describe, expect, it } from "vitest";
import { expectWithin } from "../test-support/expect-within";
import { publishedExample } from "../test-support/published-examples";
import { AgreementInputError } from "./errors";
import { fleissKappa, fleissKappaDetails } from "./fleiss";
import { scottPi } from "./kappa";

const wikipedia = publishedExample<
  { counts: number[][]; per_subject_P_i: number[] },
  number,
  { P_bar: number; P_e: number }
>("wikipedia_fleiss_10subjects_14raters_5cats");

describe("Fleiss' kappa on Wikipedia's 'Fleiss' kappa' worked example (10 subjects, 14 raters, 5 categories; statsmodels' test_fleiss_kappa)", () => {
  it("is 0.210", () => {
    expectWithin(fleissKappa(wikipedia.data.counts), wikipedia.expected, wikipedia.tolerance);
  });

  it("has the published agreement P_i of each subject", () => {
    const { subjectAgreement } = fleissKappaDetails(wikipedia.data.counts);
    expect(subjectAgreement).toHaveLength(wikipedia.data.per_subject_P_i.length);
    wikipedia.data.per_subject_P_i.forEach((published, subject) => {
      expectWithin(subjectAgreement[subject], published, 5e-4);
    });
  });

  it("has P̄ = 0.378 and P̄_e = 0.213", () => {
    const details = fleissKappaDetails(wikipedia.data.counts);
    expectWithin(details.meanAgreement, wikipedia.expected_details?.P_bar ?? Number.NaN, 5e-4);
    expectWithin(details.chanceAgreement, wikipedia.expected_details?.P_e ?? Number.NaN, 5e-4);
  });
});

describe("Fleiss' kappa", () => {
  it("is 1 when the raters agree on every subject and more than one category is used", () => {
    expect(
      fleissKappa([
        [3, 0],
        [0, 3],
        [3, 0],
      ]),
    ).toBe(1);
  });

  it("equals Scott's pi for two raters", () => {
    const a = ["x", "y", "x", "x", "z", "y"];
    const b = ["x", "y", "y", "x", "z", "z"];
    const counts = a.map((label, unit) =>
      ["x", "y", "z"].map((category) => Number(label === category) + Number(b[unit] === category)),
    );
    expect(fleissKappa(counts)).toBeCloseTo(scottPi(a, b) ?? Number.NaN, 12);
  });

  it("is null when every rater chose the same single category", () => {
    expect(
      fleissKappa([
        [0, 4],
        [0, 4],
      ]),
    ).toBeNull();
  });

  it("is null without subjects, and with fewer than two raters per subject", () => {
    expect(fleissKappa([])).toBeNull();
    expect(
      fleissKappaDetails([
        [1, 0],
        [0, 1],
      ]),
    ).toEqual({
      kappa: null,
      subjectAgreement: [],
      meanAgreement: null,
      chanceAgreement: null,
    });
  });

  it("refuses ragged rows, counts that are not whole numbers ≥ 0, and unequal numbers of raters", () => {
    expect(() => fleissKappa([[1, 1], [2]])).toThrow(/one count per category/);
    expect(() =>
      fleissKappa([
        [3, -1],
        [1, 1],
      ]),
    ).toThrow(/whole number/);
    expect(() =>
      fleissKappa([
        [1.5, 0.5],
        [1, 1],
      ]),
    ).toThrow(AgreementInputError);
    expect(() =>
      fleissKappa([
        [2, 0],
        [1, 2],
      ]),
    ).toThrow(/same number of raters/);
    expect(() => fleissKappa([[2, 0], "20" as never])).toThrow(AgreementInputError);
  });
});
