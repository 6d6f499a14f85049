import { describe, expect, it } from "vitest";
import { publishedExample } from "../test-support/published-examples";
import { characterAgreement } from "./character-agreement";
import { AgreementInputError } from "./errors";
import type { CoderUnit } from "./unitizing-data";

type Inclusive = [start: number, end: number];

const example = publishedExample<
  { pairs: { A: Inclusive; B: Inclusive | null; doc: string }[] },
  {
    agreement_units: number[];
    disagreement_units: number[];
    total_agreement: number;
    total_disagreement: number;
  }
>("atlasti_manual_textual_continuum_counts");

/** A pair's segments, 1-based and inclusive in the file, as our 0-based, end-exclusive units. */
function unitsOf({ A, B }: { A: Inclusive; B: Inclusive | null }): CoderUnit[] {
  const units: CoderUnit[] = [{ coder: "A", start: A[0] - 1, end: A[1], value: "code" }];
  if (B !== null) units.push({ coder: "B", start: B[0] - 1, end: B[1], value: "code" });
  return units;
}

const coders = ["A", "B"];
const length = 60;

describe("character agreement on ATLAS.ti 9's manual, 'How Agreement and Disagreement is Measured'", () => {
  example.data.pairs.forEach((pair, at) => {
    const agreed = example.expected.agreement_units[at];
    const disagreed = example.expected.disagreement_units[at];
    it(`counts ${agreed} characters agreed and ${disagreed} disagreed when ${pair.doc}`, () => {
      expect(characterAgreement(unitsOf(pair), { length, coders })).toEqual({ agreed, disagreed });
    });
  });

  it("counts 26 characters agreed and 14 disagreed over all four pairs", () => {
    expect(characterAgreement(example.data.pairs.flatMap(unitsOf), { length, coders })).toEqual({
      agreed: example.expected.total_agreement,
      disagreed: example.expected.total_disagreement,
    });
  });
});

describe("character agreement", () => {
  it("does not count different values on the same characters as agreement", () => {
    const units: CoderUnit[] = [
      { coder: "A", start: 0, end: 5, value: "x" },
      { coder: "B", start: 0, end: 5, value: "y" },
    ];
    expect(characterAgreement(units, { length: 10 })).toEqual({ agreed: 0, disagreed: 10 });
  });

  it("sums over every pair of coders, and counts a coder's overlapping units of one value once", () => {
    const units: CoderUnit[] = [
      { coder: "A", start: 0, end: 4, value: "x" },
      { coder: "A", start: 2, end: 6, value: "x" },
      { coder: "B", start: 0, end: 6, value: "x" },
      { coder: "C", start: 0, end: 3, value: "x" },
    ];
    // A–B: 6 agreed; A–C and B–C: 3 agreed, 3 disagreed each
    expect(characterAgreement(units, { length: 10 })).toEqual({ agreed: 12, disagreed: 6 });
  });

  it("needs options.coders to see a coder who coded nothing", () => {
    const units: CoderUnit[] = [{ coder: "A", start: 0, end: 4, value: "x" }];
    expect(characterAgreement(units, { length: 10 })).toEqual({ agreed: 0, disagreed: 0 });
    expect(characterAgreement(units, { length: 10, coders })).toEqual({ agreed: 0, disagreed: 4 });
  });

  it("refuses units outside the continuum", () => {
    expect(() => characterAgreement([{ coder: "A", start: 8, end: 12, value: "x" }], { length: 10 })).toThrow(
      AgreementInputError,
    );
  });
});
