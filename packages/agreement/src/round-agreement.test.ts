import { describe, expect, it } from "vitest";
import { seededRandom } from "../test-support/seeded-random";
import { krippendorffAlpha } from "./alpha";
import { percentAgreement } from "./percent";
import {
  type PlacedCoding,
  type RoundAgreementInput,
  type RoundTranscript,
  roundAgreement,
} from "./round-agreement";
import { unitizedAlpha } from "./unitized";

/** Two transcripts of three turns each, ten code points a turn with one between turns. */
const turns = [
  { start: 0, end: 10 },
  { start: 11, end: 21 },
  { start: 22, end: 32 },
];
const codes = [
  { id: "trust", name: "Trust" },
  { id: "power", name: "Power" },
];

function transcript(id: string, layers: Record<string, PlacedCoding[]>): RoundTranscript {
  return { id, length: 32, turns, layers };
}

function input(
  unit: RoundAgreementInput["unit"],
  transcripts: RoundTranscript[],
  coders = ["ann", "bob", "cat"],
) {
  return { unit, coders, codes, transcripts };
}

const c = (codeId: string, start: number, end: number): PlacedCoding => ({ codeId, start, end });

describe("a round's agreement", () => {
  it("is 1 for every figure when coders coded alike", () => {
    const same = [c("trust", 2, 8), c("power", 12, 30)];
    const data = [transcript("t1", { ann: same, bob: same, cat: same })];
    for (const unit of ["turn", "character"] as const) {
      const result = roundAgreement(input(unit, data));
      expect(result.overall.krippendorffAlpha, unit).toBe(1);
      expect(result.overall.percent, unit).toBe(1);
      for (const code of result.byCode) expect(code.krippendorffAlpha, `${unit} ${code.codeId}`).toBe(1);
    }
  });

  it("at the turn unit, is nominal alpha over coders × turns on 'was the code applied to this turn?'", () => {
    const data = [
      transcript("t1", { ann: [c("trust", 0, 15)], bob: [c("trust", 2, 5)], cat: [c("trust", 25, 26)] }),
      transcript("t2", { ann: [c("trust", 12, 13)], bob: [], cat: [c("trust", 11, 31)] }),
    ];
    // By hand: ann has turns 1, 2 of t1 and turn 2 of t2; bob turn 1 of t1; cat turn 3 of t1, turns 2, 3 of t2.
    const matrix = [
      [1, 1, 0, 0, 1, 0],
      [1, 0, 0, 0, 0, 0],
      [0, 0, 1, 0, 1, 1],
    ];
    const trust = roundAgreement(input("turn", data)).byCode.find((x) => x.codeId === "trust");
    expect(trust?.krippendorffAlpha).toBeCloseTo(krippendorffAlpha(matrix) as number, 12);
    expect(trust?.percent).toBeCloseTo(percentAgreement(matrix) as number, 12);
    expect(trust?.units).toBe(6);
  });

  it("at the character unit, is the binary unitizing alpha over the transcripts laid end to end", () => {
    const data = [
      transcript("t1", { ann: [c("trust", 0, 9), c("trust", 5, 12)], bob: [c("trust", 3, 12)] }),
      transcript("t2", { ann: [c("trust", 20, 30)], bob: [c("trust", 22, 31)] }),
    ];
    const expected = unitizedAlpha(
      [
        { coder: "ann", start: 0, end: 12, value: "coded" },
        { coder: "bob", start: 3, end: 12, value: "coded" },
        { coder: "ann", start: 52, end: 62, value: "coded" },
        { coder: "bob", start: 54, end: 63, value: "coded" },
      ],
      { length: 64, coders: ["ann", "bob"] },
    ).binaryUAlpha;
    const trust = roundAgreement(input("character", data, ["ann", "bob"])).byCode[0];
    expect(trust?.krippendorffAlpha).toBeCloseTo(expected as number, 12);
    // Characters either coded: 0..12 and 52..63 (23); both: 3..12 and 54..62 (17).
    expect(trust?.percent).toBeCloseTo(17 / 23, 12);
  });

  it("says why alpha is undefined when there is no variation", () => {
    const data = [
      transcript("t1", { ann: [c("trust", 0, 32)], bob: [c("trust", 0, 32)], cat: [c("trust", 0, 32)] }),
    ];
    const turn = roundAgreement(input("turn", data));
    expect(turn.byCode.find((x) => x.codeId === "trust")).toMatchObject({
      krippendorffAlpha: null,
      why: "no variation: every coder applied this code to every turn",
    });
    expect(turn.byCode.find((x) => x.codeId === "power")).toMatchObject({
      krippendorffAlpha: null,
      why: "no variation: no coder applied this code",
    });
    const character = roundAgreement(input("character", data)).byCode.find((x) => x.codeId === "power");
    expect(character).toMatchObject({
      krippendorffAlpha: null,
      why: "no variation: no coder applied this code",
    });
  });

  it("reports a coder with no codings instead of dropping them, and counts their silence", () => {
    const data = [transcript("t1", { ann: [c("trust", 0, 5)], bob: [c("trust", 0, 5)] })];
    const withCat = roundAgreement(input("turn", data));
    expect(withCat.codersWithoutCodings).toEqual(["cat"]);
    expect(withCat.coders).toEqual(["ann", "bob", "cat"]);
    const withoutCat = roundAgreement(input("turn", data, ["ann", "bob"]));
    expect(withCat.byCode[0]?.krippendorffAlpha).not.toBe(withoutCat.byCode[0]?.krippendorffAlpha);
  });

  it("lists every pair of coders, each with its own figures per code", () => {
    const data = [
      transcript("t1", { ann: [c("trust", 0, 5)], bob: [c("trust", 0, 5)], cat: [c("power", 0, 5)] }),
    ];
    const { byPair } = roundAgreement(input("turn", data));
    expect(byPair.map((p) => p.coders)).toEqual([
      ["ann", "bob"],
      ["ann", "cat"],
      ["bob", "cat"],
    ]);
    expect(byPair[0]?.byCode.find((x) => x.codeId === "trust")?.percent).toBe(1);
    expect(byPair[1]?.byCode.find((x) => x.codeId === "trust")?.percent).toBeLessThan(1);
  });

  it("changes nothing when coders or transcripts are given in another order (200 seeded rounds)", () => {
    for (let seed = 1; seed <= 200; seed++) {
      const random = seededRandom(seed);
      const coders = ["ann", "bob", "cat", "dan"].slice(0, 2 + Math.floor(random() * 3));
      const made = ["t1", "t2", "t3"].map((id) => {
        const layers: Record<string, PlacedCoding[]> = {};
        for (const coder of coders) {
          layers[coder] = Array.from({ length: Math.floor(random() * 4) }, () => {
            const start = Math.floor(random() * 30);
            return c(
              random() < 0.5 ? "trust" : "power",
              start,
              start + 1 + Math.floor(random() * (32 - start - 1)),
            );
          });
        }
        return transcript(id, layers);
      });
      for (const unit of ["turn", "character", "transcript"] as const) {
        const a = roundAgreement(input(unit, made, coders));
        const b = roundAgreement(input(unit, [...made].reverse(), [...coders].reverse()));
        const near = (x: number | null, y: number | null) =>
          x === null ? expect(y).toBeNull() : expect(y).toBeCloseTo(x, 10);
        near(a.overall.krippendorffAlpha, b.overall.krippendorffAlpha);
        near(a.overall.percent, b.overall.percent);
        for (const [i, code] of a.byCode.entries())
          near(code.krippendorffAlpha, b.byCode[i]?.krippendorffAlpha ?? null);
      }
    }
  });

  it("states how uncoded text counts at each unit", () => {
    expect(roundAgreement(input("turn", [])).uncoded).toMatch(
      /nobody gave a code counts as the coders agreeing/,
    );
    expect(roundAgreement(input("character", [])).uncoded).toMatch(/text nobody coded counts as agreed gap/);
  });
});
