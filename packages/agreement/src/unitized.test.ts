import { describe, expect, it } from "vitest";
import { expectWithin } from "../test-support/expect-within";
import { publishedExample } from "../test-support/published-examples";
import { AgreementInputError } from "./errors";
import { unitizedAlpha } from "./unitized";
import type { CoderUnit } from "./unitizing-data";

interface InclusiveUnit {
  start: number;
  end: number;
  value: string;
}

/** Units given as 1-based, inclusive [start, end] become our 0-based, end-exclusive [start − 1, end). */
function fromInclusive(coder: string, units: readonly InclusiveUnit[]): CoderUnit[] {
  return units.map(({ start, end, value }) => ({ coder, start: start - 1, end, value }));
}

describe("the u-alpha family of Krippendorff et al. (2016) / Krippendorff (2019) on identical unitizations (a derived check: alpha_u_2019_family_identical)", () => {
  const example = publishedExample<
    { continuum_length: number; coders: InclusiveUnit[][] },
    { u_alpha_nominal: number; binary_u_alpha: number; cu_alpha: number }
  >("alpha_u_2019_family_identical");
  const units = example.data.coders.flatMap((own, coder) => fromInclusive(String(coder), own));
  const alphas = unitizedAlpha(units, { length: example.data.continuum_length });

  it("gives u-alpha 1", () => {
    expectWithin(alphas.uAlpha, example.expected.u_alpha_nominal, example.tolerance);
  });
  it("gives binary u-alpha 1", () => {
    expectWithin(alphas.binaryUAlpha, example.expected.binary_u_alpha, example.tolerance);
  });
  it("gives cu-alpha 1, and so Cu-alpha 1", () => {
    expectWithin(alphas.cuAlpha, example.expected.cu_alpha, example.tolerance);
    expectWithin(alphas.CuAlpha, example.expected.cu_alpha, example.tolerance);
  });
});

describe("the u-alpha family on Krippendorff (2019) Content Analysis 4th ed., Figure 12.11 p. 340 (Alex, Paul and Suzan on a continuum of 60; as encoded in quallmer's tests/testthat/test-alpha_u.R)", () => {
  const units = [
    ...fromInclusive("Alex", [
      { start: 1, end: 7, value: "1" },
      { start: 8, end: 13, value: "2" },
      { start: 31, end: 32, value: "5" },
      { start: 33, end: 37, value: "6" },
      { start: 38, end: 44, value: "6" },
      { start: 45, end: 60, value: "7" },
    ]),
    ...fromInclusive("Paul", [
      { start: 1, end: 7, value: "1" },
      { start: 8, end: 13, value: "3" },
      { start: 14, end: 21, value: "5" },
      { start: 33, end: 44, value: "6" },
    ]),
    ...fromInclusive("Suzan", [
      { start: 1, end: 7, value: "1" },
      { start: 8, end: 13, value: "4" },
      { start: 14, end: 21, value: "5" },
      { start: 33, end: 37, value: "6" },
      { start: 38, end: 41, value: "6" },
      { start: 42, end: 44, value: "6" },
    ]),
  ];
  const alphas = unitizedAlpha(units, { length: 60 });

  it("gives u-alpha 0.510", () => {
    expectWithin(alphas.uAlpha, 0.51, 5e-4);
  });
  it("gives binary u-alpha 0.413 (0.4136 unrounded; the book rounds its intermediate sums)", () => {
    expectWithin(alphas.binaryUAlpha, 0.413, 1e-3);
  });
  it("gives cu-alpha 0.724, each unit's pairable length being the mean of what the other coders' units cover of it", () => {
    expectWithin(alphas.cuAlpha, 0.724, 5e-4);
  });
});

describe("the u-alpha family", () => {
  // ann: x [0,4), y [4,8), gap [8,10); bob: x [0,4), x [4,8), gap [8,10)
  const splitValues: CoderUnit[] = [
    { coder: "ann", start: 0, end: 4, value: "x" },
    { coder: "ann", start: 4, end: 8, value: "y" },
    { coder: "bob", start: 0, end: 4, value: "x" },
    { coder: "bob", start: 4, end: 8, value: "x" },
  ];

  it("computes u-alpha from lengths: l_xy = 8 disagree, D_e = 224 / (20 − 68/20)", () => {
    // l_∅∅ = 4, l_xx = 8, l_xy = l_yx = 4; margins 4, 12, 4; self-pairs: gaps 2 + 2, units 4 · 4²
    expect(unitizedAlpha(splitValues, { length: 10 }).uAlpha).toBeCloseTo(1 - 8 / (224 / (20 - 68 / 20)), 12);
  });

  it("finds perfect binary agreement when the coders mark the same stretches, whatever the values", () => {
    expect(unitizedAlpha(splitValues, { length: 10 }).binaryUAlpha).toBe(1);
  });

  it("computes cu-alpha on the intersections of units only: here no better than chance", () => {
    // l*_xx = 8, l*_xy = l*_yx = 4; margins 12, 4; pairable lengths 4 each: D_e = 2·12·4 / (16 − 64/16) = 8
    expect(unitizedAlpha(splitValues, { length: 10 }).cuAlpha).toBe(0);
  });

  it("computes Cu-alpha over semantic domains, so values of one domain agree as that domain", () => {
    const units: CoderUnit[] = [
      { coder: "ann", start: 0, end: 4, value: "praise" },
      { coder: "ann", start: 4, end: 8, value: "cost" },
      { coder: "bob", start: 0, end: 4, value: "thanks" },
      { coder: "bob", start: 4, end: 8, value: "cost" },
    ];
    const domains = { praise: "appraisal", thanks: "appraisal", cost: "money" };
    const alphas = unitizedAlpha(units, { length: 10, domains });
    expect(alphas.cuAlpha).toBeLessThan(1);
    expect(alphas.CuAlpha).toBe(1);
    expect(unitizedAlpha(units, { length: 10 }).CuAlpha).toBe(alphas.cuAlpha);
  });

  it("gives null Cu-alpha when every value is in one domain", () => {
    expect(unitizedAlpha(splitValues, { length: 10, domains: { x: "d", y: "d" } }).CuAlpha).toBeNull();
  });

  it("counts a coder who identified nothing only when options.coders lists them", () => {
    const annOnly = splitValues.filter((unit) => unit.coder === "ann");
    expect(unitizedAlpha(annOnly, { length: 10 })).toEqual({
      uAlpha: null,
      binaryUAlpha: null,
      cuAlpha: null,
      CuAlpha: null,
    });
    const withSilentBob = unitizedAlpha(annOnly, { length: 10, coders: ["ann", "bob"] });
    expect(withSilentBob.binaryUAlpha).toBeLessThan(0);
    expect(withSilentBob.cuAlpha).toBeNull();
  });

  it("is null throughout without units, even with coders listed", () => {
    expect(unitizedAlpha([], { length: 10, coders: ["ann", "bob"] })).toEqual({
      uAlpha: null,
      binaryUAlpha: null,
      cuAlpha: null,
      CuAlpha: null,
    });
  });

  it("gives null binary u-alpha when no coder left a gap, and null cu-alpha for a single value", () => {
    const wall: CoderUnit[] = [
      { coder: "ann", start: 0, end: 10, value: "x" },
      { coder: "bob", start: 0, end: 10, value: "x" },
    ];
    expect(unitizedAlpha(wall, { length: 10 })).toEqual({
      uAlpha: null,
      binaryUAlpha: null,
      cuAlpha: null,
      CuAlpha: null,
    });
  });

  it("keeps adjacent units of one value apart, as separate units", () => {
    const joined: CoderUnit[] = [
      { coder: "ann", start: 0, end: 8, value: "x" },
      { coder: "bob", start: 0, end: 4, value: "x" },
      { coder: "bob", start: 4, end: 8, value: "y" },
    ];
    const split = [
      ...joined.slice(1),
      { coder: "ann", start: 0, end: 4, value: "x" },
      { coder: "ann", start: 4, end: 8, value: "x" },
    ];
    expect(unitizedAlpha(split, { length: 10 }).cuAlpha).not.toBe(
      unitizedAlpha(joined, { length: 10 }).cuAlpha,
    );
  });

  it("refuses overlapping units of one coder, whatever their values", () => {
    const overlapping = [...splitValues, { coder: "bob", start: 7, end: 9, value: "z" }];
    expect(() => unitizedAlpha(overlapping, { length: 10 })).toThrow(/overlap/);
  });

  it("refuses malformed units, continua and options", () => {
    const unit = { coder: "ann", start: 0, end: 5, value: "x" };
    expect(() => unitizedAlpha([{ ...unit, end: 11 }], { length: 10 })).toThrow(AgreementInputError);
    expect(() => unitizedAlpha([{ ...unit, value: 3 as never }], { length: 10 })).toThrow(/value/);
    expect(() => unitizedAlpha([{ ...unit, coder: undefined as never }], { length: 10 })).toThrow(/coder/);
    expect(() => unitizedAlpha([unit], { length: 2.5 })).toThrow(/length/);
    expect(() => unitizedAlpha([unit], { length: 10, coders: ["ann", "ann"] })).toThrow(/twice/);
    expect(() => unitizedAlpha([unit], { length: 10, domains: { x: 1 as never } })).toThrow(/domain/);
    expect(() => unitizedAlpha("units" as never, { length: 10 })).toThrow(AgreementInputError);
  });
});
