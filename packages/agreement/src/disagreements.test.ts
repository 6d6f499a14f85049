import { describe, expect, it } from "vitest";
import { type ComparedCoding, disagreementsOf } from "./disagreements";

let next = 0;
const c = (codeId: string, start: number, end: number): ComparedCoding => ({
  id: `c${next++}`,
  codeId,
  start,
  end,
});

describe("the passages where coders' codings of a code differ", () => {
  it("leaves out passages every coder coded exactly alike", () => {
    expect(disagreementsOf("trust", { ann: [c("trust", 0, 10)], bob: [c("trust", 0, 10)] })).toEqual([]);
  });

  it("lists a code one coder applied and the other did not, with an empty version for the other", () => {
    const ann = [c("trust", 5, 9)];
    const [only] = disagreementsOf("trust", { ann, bob: [] });
    expect(only).toEqual({ codeId: "trust", start: 5, end: 9, versions: { ann, bob: [] } });
  });

  it("joins overlapping codings of both coders into one passage, and differing boundaries disagree", () => {
    const ann = [c("trust", 0, 10)];
    const bob = [c("trust", 4, 14)];
    expect(disagreementsOf("trust", { ann, bob })).toMatchObject([
      { start: 0, end: 14, versions: { ann, bob } },
    ]);
  });

  it("counts a coder's two touching codings as the same cover as one spanning them", () => {
    expect(
      disagreementsOf("trust", { ann: [c("trust", 0, 5), c("trust", 5, 10)], bob: [c("trust", 0, 10)] }),
    ).toEqual([]);
  });

  it("looks at one code only, and keeps passages apart in text order", () => {
    const found = disagreementsOf("trust", {
      ann: [c("trust", 30, 40), c("power", 0, 10), c("trust", 0, 3)],
      bob: [c("trust", 31, 40)],
      cat: [],
    });
    expect(found.map((d) => [d.start, d.end])).toEqual([
      [0, 3],
      [30, 40],
    ]);
    expect(Object.keys(found[0]?.versions ?? {})).toEqual(["ann", "bob", "cat"]);
  });
});
