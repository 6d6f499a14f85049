import { describe, expect, it } from "vitest";
import { expectWithin } from "../test-support/expect-within";
import { publishedExample } from "../test-support/published-examples";
import { krippendorffAlpha, krippendorffAlphaDetails, type MeasurementLevel } from "./alpha";
import type { Observation } from "./coincidences";
import { AgreementInputError } from "./errors";

interface CodersByUnits {
  matrix: Observation[][];
}

const levelOf = (metric: string) => metric.replace("krippendorff_alpha_", "") as MeasurementLevel;

describe("Krippendorff's alpha on Krippendorff (2011) 'Computing Krippendorff's Alpha-Reliability', section C (4 coders, 12 units, missing values; also 2004 p. 230)", () => {
  for (const name of [
    "krippendorff2011_4coders_12units_nominal",
    "krippendorff2011_4coders_12units_ordinal",
    "krippendorff2011_4coders_12units_interval",
    "krippendorff2011_4coders_12units_ratio",
  ]) {
    const example = publishedExample<CodersByUnits>(name);
    const level = levelOf(example.metric);
    it(`is ${example.expected} at the ${level} level (${name})`, () => {
      expectWithin(krippendorffAlpha(example.data.matrix, { level }), example.expected, example.tolerance);
    });
  }

  it("is exactly 0.743421052632 at the nominal level, as nltk's test_advanced has it", () => {
    const example = publishedExample<CodersByUnits, number, { exact_fraction_value: number }>(
      "krippendorff2011_4coders_12units_nominal",
    );
    expectWithin(
      krippendorffAlpha(example.data.matrix),
      example.expected_details?.exact_fraction_value ?? Number.NaN,
      5e-13,
    );
  });

  it("has D_o = 0.2, D_e = 0.779 and n = 40 pairable values at the nominal level, unit 12 being dropped", () => {
    const example = publishedExample<
      CodersByUnits,
      number,
      { observed_disagreement_Do: number; expected_disagreement_De: number; pairable_values_n: number }
    >("krippendorff2011_4coders_12units_nominal");
    const details = krippendorffAlphaDetails(example.data.matrix);
    const published = example.expected_details;
    expectWithin(details.observedDisagreement, published?.observed_disagreement_Do ?? Number.NaN, 5e-4);
    expectWithin(details.expectedDisagreement, published?.expected_disagreement_De ?? Number.NaN, 5e-4);
    expect(details.pairableValues).toBe(published?.pairable_values_n);
  });

  it("has D_o = 0.433 and D_e = 2.872 at the interval level", () => {
    const example = publishedExample<
      CodersByUnits,
      number,
      { observed_disagreement_Do: number; expected_disagreement_De: number }
    >("krippendorff2011_4coders_12units_interval");
    const details = krippendorffAlphaDetails(example.data.matrix, { level: "interval" });
    expectWithin(
      details.observedDisagreement,
      example.expected_details?.observed_disagreement_Do ?? Number.NaN,
      5e-4,
    );
    expectWithin(
      details.expectedDisagreement,
      example.expected_details?.expected_disagreement_De ?? Number.NaN,
      5e-4,
    );
  });
});

describe("Krippendorff's alpha on Wikipedia's 'Krippendorff's alpha' computational example (3 coders, 15 units; fast-krippendorff's doctest)", () => {
  for (const name of ["wikipedia_3coders_15units_nominal", "wikipedia_3coders_15units_interval"]) {
    const example = publishedExample<CodersByUnits>(name);
    const level = levelOf(example.metric);
    it(`is ${example.expected} at the ${level} level (${name})`, () => {
      expectWithin(krippendorffAlpha(example.data.matrix, { level }), example.expected, example.tolerance);
    });
  }
});

describe("Krippendorff's alpha", () => {
  const twoCodersBinary = [
    [1, 1, 0, 0, 0, 0, 0, 0, 0, 0],
    [0, 1, 1, 0, 0, 1, 0, 1, 0, 0],
  ];

  it("corrects ATLAS.ti's two-coder example for chance: D_e = 1 − 0.558, α = 1 − 19·4/(14·6) ≈ 0.095", () => {
    const details = krippendorffAlphaDetails(twoCodersBinary);
    expectWithin(details.expectedDisagreement, 1 - (9.6 + 1.6) / 20, 0.005);
    expectWithin(details.alpha, 1 - (19 * 4) / (14 * 6), 1e-12);
  });

  it("is 1 when every coder gives every unit the same value", () => {
    const data = [
      ["a", "b", "c", null],
      ["a", "b", "c", "c"],
      [null, "b", "c", "c"],
    ];
    expect(krippendorffAlpha(data)).toBe(1);
    expect(
      krippendorffAlpha(
        [
          [1, 2, 3],
          [1, 2, 3],
        ],
        { level: "interval" },
      ),
    ).toBe(1);
  });

  it("is null when only one value was ever used, for then no disagreement is expected", () => {
    expect(
      krippendorffAlpha([
        ["a", "a", null],
        ["a", "a", "a"],
      ]),
    ).toBeNull();
    expect(
      krippendorffAlphaDetails(
        [
          [2, 2],
          [2, 2],
        ],
        { level: "ratio" },
      ).expectedDisagreement,
    ).toBe(0);
  });

  it("is null when no unit has two values, or there are no coders or units", () => {
    expect(
      krippendorffAlpha([
        ["a", null, "b"],
        [null, "c", null],
      ]),
    ).toBeNull();
    expect(krippendorffAlpha([])).toBeNull();
    expect(krippendorffAlpha([[], []])).toBeNull();
    expect(krippendorffAlpha([["a", "b", "c"]])).toBeNull();
    expect(krippendorffAlphaDetails([["a"], [null]])).toEqual({
      alpha: null,
      observedDisagreement: null,
      expectedDisagreement: null,
      pairableValues: 0,
    });
  });

  it("ignores units with fewer than two values entirely", () => {
    const data = [
      ["a", "b", "a", "c", null],
      ["a", "b", "b", "c", "z"],
    ];
    const withoutLoneValue = data.map((row) => row.slice(0, 4));
    expect(krippendorffAlpha(data)).toBe(krippendorffAlpha(withoutLoneValue));
  });

  it("can be negative when coders disagree more than chance would have them", () => {
    expect(
      krippendorffAlpha([
        ["a", "b", "a", "b"],
        ["b", "a", "b", "a"],
      ]),
    ).toBeLessThan(0);
  });

  it("treats the number 1 and the label '1' as different values", () => {
    expect(
      krippendorffAlpha([
        [1, "2", 1],
        ["1", "2", 1],
      ]),
    ).toBeLessThan(1);
  });

  it("measures ordinal differences by rank, whatever the spacing of the numbers", () => {
    const spaced = [
      [1, 2, 3, 3, 2, 1, 10],
      [1, 3, 3, 10, 2, 2, 10],
    ];
    const squeezed = spaced.map((row) => row.map((value) => (value === 10 ? 4 : value)));
    expect(krippendorffAlpha(spaced, { level: "ordinal" })).toBeCloseTo(
      krippendorffAlpha(squeezed, { level: "ordinal" }) ?? Number.NaN,
      12,
    );
    expect(krippendorffAlpha(spaced, { level: "interval" })).not.toBeCloseTo(
      krippendorffAlpha(squeezed, { level: "interval" }) ?? Number.NaN,
      3,
    );
  });

  it("refuses ragged data, so that a unit cannot silently shift between coders", () => {
    expect(() =>
      krippendorffAlpha([
        [1, 2, 3],
        [1, 2],
      ]),
    ).toThrow(AgreementInputError);
    expect(() => krippendorffAlpha([[1, 2], "12" as never])).toThrow(AgreementInputError);
    expect(() => krippendorffAlpha("data" as never)).toThrow(AgreementInputError);
  });

  it("refuses values that are neither labels, finite numbers nor null", () => {
    expect(() =>
      krippendorffAlpha([
        [1, Number.NaN],
        [1, 2],
      ]),
    ).toThrow(/not a label/);
    expect(() =>
      krippendorffAlpha([
        [1, undefined as never],
        [1, 2],
      ]),
    ).toThrow(AgreementInputError);
    expect(() =>
      krippendorffAlpha([
        [1, true as never],
        [1, 2],
      ]),
    ).toThrow(AgreementInputError);
  });

  it("refuses labels at the levels that need numbers, and negative numbers at the ratio level", () => {
    expect(() =>
      krippendorffAlpha(
        [
          ["a", "b"],
          ["a", "a"],
        ],
        { level: "interval" },
      ),
    ).toThrow(/needs numbers/);
    expect(() =>
      krippendorffAlpha(
        [
          ["a", "b"],
          ["a", "a"],
        ],
        { level: "ordinal" },
      ),
    ).toThrow(AgreementInputError);
    expect(() =>
      krippendorffAlpha(
        [
          [-1, 2],
          [1, 2],
        ],
        { level: "ratio" },
      ),
    ).toThrow(/negative/);
    expect(() =>
      krippendorffAlpha(
        [
          [1, 2],
          [1, 2],
        ],
        { level: "metric" as never },
      ),
    ).toThrow(/Unknown level/);
  });
});
