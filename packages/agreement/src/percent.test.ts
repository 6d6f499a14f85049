import { describe, expect, it } from "vitest";
import { expectWithin } from "../test-support/expect-within";
import { publishedExample } from "../test-support/published-examples";
import type { Observation } from "./coincidences";
import { AgreementInputError } from "./errors";
import { percentAgreement } from "./percent";

describe("percent agreement", () => {
  it("is 1 − D_o = 0.8 on Krippendorff (2011) section C, whose nominal D_o is 0.2", () => {
    const example = publishedExample<
      { matrix: Observation[][] },
      number,
      { observed_disagreement_Do: number }
    >("krippendorff2011_4coders_12units_nominal");
    expectWithin(
      percentAgreement(example.data.matrix),
      1 - (example.expected_details?.observed_disagreement_Do ?? Number.NaN),
      1e-12,
    );
  });

  it("is p_o = 0.7 for the two readers of Wikipedia's 'Cohen's kappa' grant proposals", () => {
    const example = publishedExample<{ table: number[][] }, number, { po: number }>(
      "wikipedia_cohen_grant_proposals",
    );
    const [[yesYes, yesNo], [noYes, noNo]] = example.data.table as [[number, number], [number, number]];
    const a = [...Array(yesYes + yesNo).fill("Yes"), ...Array(noYes + noNo).fill("No")];
    const b = [
      ...Array(yesYes).fill("Yes"),
      ...Array(yesNo).fill("No"),
      ...Array(noYes).fill("Yes"),
      ...Array(noNo).fill("No"),
    ];
    expectWithin(percentAgreement([a, b]), example.expected_details?.po ?? Number.NaN, 1e-12);
  });

  it("is 6/10 for the two coders of ATLAS.ti 9's 'Methods for Testing ICA' example", () => {
    expect(
      percentAgreement([
        [1, 1, 0, 0, 0, 0, 0, 0, 0, 0],
        [0, 1, 1, 0, 0, 1, 0, 1, 0, 0],
      ]),
    ).toBe(0.6);
  });

  it("is, for many coders and no missing values, the mean share of agreeing coder pairs per unit", () => {
    // unit 1: all three pairs agree; unit 2: one pair of three agrees
    expect(
      percentAgreement([
        ["a", "a"],
        ["a", "a"],
        ["a", "b"],
      ]),
    ).toBeCloseTo((1 + 1 / 3) / 2, 12);
  });

  it("weighs each unit by its number of values when values are missing", () => {
    // unit 1: 2 values that agree; unit 2: 3 values, a third of whose pairs agree
    expect(
      percentAgreement([
        ["a", "a"],
        ["a", "a"],
        [null, "b"],
      ]),
    ).toBeCloseTo((2 * 1 + 3 * (1 / 3)) / 5, 12);
  });

  it("leaves out units with fewer than two values, and is null when none has two", () => {
    expect(
      percentAgreement([
        ["a", "x", null],
        ["a", null, null],
      ]),
    ).toBe(1);
    expect(
      percentAgreement([
        ["a", null],
        [null, "b"],
      ]),
    ).toBeNull();
    expect(percentAgreement([])).toBeNull();
  });

  it("refuses ragged data", () => {
    expect(() => percentAgreement([["a"], ["a", "b"]])).toThrow(AgreementInputError);
  });
});
