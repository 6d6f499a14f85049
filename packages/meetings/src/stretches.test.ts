import * as prng from "lib0/prng";
import { describe, expect, it } from "vitest";
import { CoderCodes, overlapsAny, stretchesOf, turnsKey } from "./stretches";

const turns = [
  { start: 0, end: 10 },
  { start: 11, end: 20 },
  { start: 21, end: 30 },
  { start: 31, end: 40 },
];

describe("stretches", () => {
  it("join codings that overlap or touch, in text order", () => {
    expect(
      stretchesOf([
        { start: 12, end: 15 },
        { start: 0, end: 5 },
        { start: 5, end: 8 },
        { start: 14, end: 20 },
      ]),
    ).toEqual([
      { start: 0, end: 8 },
      { start: 12, end: 20 },
    ]);
  });

  it("say whether a passage meets any of them, touching not counting", () => {
    const stretches = [
      { start: 0, end: 8 },
      { start: 12, end: 20 },
    ];
    expect(overlapsAny(stretches, 8, 12)).toBe(false);
    expect(overlapsAny(stretches, 7, 9)).toBe(true);
    expect(overlapsAny(stretches, 19, 30)).toBe(true);
    expect(overlapsAny(stretches, 20, 30)).toBe(false);
    expect(overlapsAny([], 0, 5)).toBe(false);
  });

  it("key the turns they reach into: the same turns, the same key, however they are cut", () => {
    expect(turnsKey(turns, [{ start: 2, end: 25 }])).toBe("0-2");
    expect(
      turnsKey(turns, [
        { start: 0, end: 3 },
        { start: 12, end: 13 },
        { start: 22, end: 23 },
      ]),
    ).toBe("0-2");
    // The newline between two turns is in neither.
    expect(turnsKey(turns, [{ start: 10, end: 11 }])).toBe("");
    expect(
      turnsKey(turns, [
        { start: 5, end: 6 },
        { start: 35, end: 36 },
      ]),
    ).toBe("0-0,3-3");
  });
});

describe("a coder's codes over a passage", () => {
  it("are the other codes they applied to some of it, sorted", () => {
    const index = new CoderCodes([
      { coderId: "ann", codeId: "trust", start: 0, end: 10 },
      { coderId: "ann", codeId: "power", start: 5, end: 8 },
      { coderId: "ann", codeId: "voice", start: 2000, end: 2100 },
      { coderId: "bob", codeId: "budget", start: 0, end: 10 },
    ]);
    expect(index.codesOver("ann", 6, 7, "trust")).toEqual(["power"]);
    expect(index.codesOver("ann", 0, 3000, "none")).toEqual(["power", "trust", "voice"]);
    expect(index.codesOver("ann", 10, 2000, "none")).toEqual([]);
    expect(index.codesOver("carol", 0, 10, "none")).toEqual([]);
  });

  it("are what a walk over every coding finds, for seeded random codings", () => {
    const random = prng.create(41);
    for (let trial = 0; trial < 20; trial++) {
      const codings = Array.from({ length: 300 }, () => {
        const start = prng.int32(random, 0, 20_000);
        return {
          coderId: prng.oneOf(random, ["ann", "bob"]),
          codeId: `code${prng.int32(random, 0, 12)}`,
          start,
          // Some as long as the whole text, most a sentence or two.
          end: start + (prng.int32(random, 0, 30) === 0 ? 20_000 : prng.int32(random, 1, 600)),
        };
      });
      const index = new CoderCodes(codings);
      for (let query = 0; query < 100; query++) {
        const start = prng.int32(random, 0, 21_000);
        const end = start + prng.int32(random, 1, 1500);
        const coder = prng.oneOf(random, ["ann", "bob"]);
        const walked = [
          ...new Set(
            codings
              .filter((c) => c.coderId === coder && c.codeId !== "code0" && c.start < end && c.end > start)
              .map((c) => c.codeId),
          ),
        ].sort();
        expect(index.codesOver(coder, start, end, "code0")).toEqual(walked);
      }
    }
  });

  it("key turns as a walk over every turn would, for seeded random stretches", () => {
    const random = prng.create(7);
    const many = Array.from({ length: 200 }, (_, i) => ({ start: i * 51, end: i * 51 + 50 }));
    const walk = (stretches: { start: number; end: number }[]) =>
      many.flatMap((turn, i) => (stretches.some((s) => s.start < turn.end && s.end > turn.start) ? [i] : []));
    for (let trial = 0; trial < 200; trial++) {
      const a = stretchesOf(
        Array.from({ length: prng.int32(random, 1, 6) }, () => {
          const start = prng.int32(random, 0, 10_000);
          return { start, end: start + prng.int32(random, 1, 400) };
        }),
      );
      const b = stretchesOf(
        Array.from({ length: prng.int32(random, 1, 6) }, () => {
          const start = prng.int32(random, 0, 10_000);
          return { start, end: start + prng.int32(random, 1, 400) };
        }),
      );
      expect(turnsKey(many, a) === turnsKey(many, b)).toBe(walk(a).join() === walk(b).join());
      expect(turnsKey(many, a) === "").toBe(walk(a).length === 0);
    }
  });
});
