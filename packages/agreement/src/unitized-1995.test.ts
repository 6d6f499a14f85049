import { describe, expect, it } from "vitest";
import { expectWithin } from "../test-support/expect-within";
import { publishedExample } from "../test-support/published-examples";
import { AgreementInputError } from "./errors";
import { sectionDistance, unitizedAlpha1995, unitizedAlpha1995Details } from "./unitized-1995";
import type { CoderUnit } from "./unitizing-data";

interface Placed {
  begin: number;
  length: number;
  value: string | null;
}
interface Disagreements {
  Do: number;
  De: number;
  alpha: number;
}

const example = publishedExample<
  { continuum: { begin: number; length: number }; units: (Placed & { coder: number })[] },
  number,
  {
    per_category: Record<string, Disagreements>;
    distance_checks: { a: Placed; b: Placed; d2: number }[];
  }
>("krippendorff2004_p254_unitizing_alpha_u");
const recomputed = example.recomputed_details as Record<string, Disagreements>;
const { begin, length } = example.data.continuum;

// The book's continuum starts at 150; ours start at 0, so every unit moves 150 code points left.
const units: CoderUnit[] = example.data.units.map((unit) => ({
  coder: String(unit.coder),
  start: unit.begin - begin,
  end: unit.begin - begin + unit.length,
  value: unit.value ?? "",
}));
const section = ({ begin: at, length: size, value }: Placed) => ({
  start: at - begin,
  end: at - begin + size,
  isUnit: value !== null,
});

describe("the 1995/2004 u-alpha on Krippendorff (2004) Content Analysis 2nd ed. p. 254 (two coders, values c and k; DKPro Statistics' Krippendorff2004Test)", () => {
  it("is 0.8591", () => {
    expectWithin(unitizedAlpha1995(units, { length }), example.expected, example.tolerance);
  });

  it("is 0.85867 unrounded, as the Python port of DKPro computes it", () => {
    expectWithin(unitizedAlpha1995(units, { length }), 0.85867, 5e-6);
  });

  it("has the published D_o, D_e and alpha of each value, to their four decimals", () => {
    const { perValue } = unitizedAlpha1995Details(units, { length });
    for (const [value, published] of Object.entries(example.expected_details?.per_category ?? {})) {
      const computed = perValue.find((one) => one.value === value);
      expectWithin(computed?.observedDisagreement, published.Do, 5e-5);
      expectWithin(computed?.expectedDisagreement, published.De, 5e-5);
      expectWithin(computed?.alpha, published.alpha, 5e-5);
    }
    expect(perValue.map((one) => one.value).sort()).toEqual(Object.keys(recomputed).sort());
  });

  it("has exactly the D_o, D_e and alpha of each value that DKPro's formula gives", () => {
    const { perValue } = unitizedAlpha1995Details(units, { length });
    for (const [value, published] of Object.entries(recomputed)) {
      const computed = perValue.find((one) => one.value === value);
      expectWithin(computed?.observedDisagreement, published.Do, 1e-14);
      expectWithin(computed?.expectedDisagreement, published.De, 1e-14);
      expectWithin(computed?.alpha, published.alpha, 1e-12);
    }
  });

  it("measures the published distances between sections: overlapping units, and a unit inside a gap", () => {
    for (const { a, b, d2 } of example.expected_details?.distance_checks ?? []) {
      expect(sectionDistance(section(a), section(b))).toBe(d2);
      expect(sectionDistance(section(b), section(a))).toBe(d2);
    }
  });
});

describe("the 1995/2004 u-alpha", () => {
  const twoCoders: CoderUnit[] = [
    { coder: "ann", start: 2, end: 8, value: "x" },
    { coder: "ann", start: 12, end: 20, value: "x" },
    { coder: "bob", start: 2, end: 8, value: "x" },
    { coder: "bob", start: 14, end: 20, value: "x" },
  ];

  it("is 1 when the coders' units coincide", () => {
    const annOnly = twoCoders.filter((unit) => unit.coder === "ann");
    const same = [...annOnly, ...annOnly.map((unit) => ({ ...unit, coder: "bob" }))];
    expect(unitizedAlpha1995(same, { length: 30 })).toBe(1);
    expect(unitizedAlpha1995(twoCoders, { length: 30 })).toBeLessThan(1);
  });

  it("finds no distance between sections apart, between gaps, or for a unit only partly inside a gap", () => {
    expect(sectionDistance({ start: 0, end: 5, isUnit: true }, { start: 5, end: 9, isUnit: true })).toBe(0);
    expect(sectionDistance({ start: 0, end: 5, isUnit: false }, { start: 2, end: 9, isUnit: false })).toBe(0);
    expect(sectionDistance({ start: 0, end: 5, isUnit: true }, { start: 2, end: 9, isUnit: false })).toBe(0);
  });

  it("lets one coder's units of different values overlap", () => {
    const overlapping = [...twoCoders, { coder: "ann", start: 4, end: 10, value: "y" }];
    expect(unitizedAlpha1995(overlapping, { length: 30 })).toBeTypeOf("number");
  });

  it("counts a coder with no units only when options.coders lists them", () => {
    const alone = twoCoders.filter((unit) => unit.coder === "ann");
    expect(unitizedAlpha1995(alone, { length: 30 })).toBeNull();
    expect(unitizedAlpha1995(alone, { length: 30, coders: ["ann", "bob"] })).toBeLessThan(0.5);
  });

  it("is null with fewer than two coders, or without units", () => {
    expect(unitizedAlpha1995([], { length: 10 })).toBeNull();
    expect(unitizedAlpha1995Details([], { length: 10, coders: ["ann", "bob"] })).toEqual({
      uAlpha: null,
      perValue: [],
    });
  });

  it("refuses overlapping units of one value by one coder", () => {
    const doubled = [...twoCoders, { coder: "bob", start: 6, end: 10, value: "x" }];
    expect(() => unitizedAlpha1995(doubled, { length: 30 })).toThrow(/overlap/);
  });

  it("refuses units outside the continuum, empty or fractional ones, and unlisted coders", () => {
    const unit = { coder: "ann", start: 0, end: 5, value: "x" };
    expect(() => unitizedAlpha1995([{ ...unit, end: 31 }], { length: 30 })).toThrow(AgreementInputError);
    expect(() => unitizedAlpha1995([{ ...unit, start: -1 }], { length: 30 })).toThrow(AgreementInputError);
    expect(() => unitizedAlpha1995([{ ...unit, start: 5 }], { length: 30 })).toThrow(/non-empty/);
    expect(() => unitizedAlpha1995([{ ...unit, end: 4.5 }], { length: 30 })).toThrow(/whole/);
    expect(() => unitizedAlpha1995([unit], { length: 0 })).toThrow(/length/);
    expect(() => unitizedAlpha1995([unit], { length: 30, coders: ["bob"] })).toThrow(/not among/);
  });
});
