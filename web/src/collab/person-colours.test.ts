import { describe, expect, it } from "vitest";
import { contrastRatio, PERSON_PALETTE, personColours } from "./person-colours";

describe("people's colours", () => {
  it("are each readable on white and under white text (WCAG's 4.5:1)", () => {
    for (const colour of PERSON_PALETTE) expect(contrastRatio(colour, "#ffffff")).toBeGreaterThanOrEqual(4.5);
    // The formula, checked against WCAG's own extremes.
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrastRatio("#777777", "#ffffff")).toBeCloseTo(4.48, 2);
  });

  it("differ for every member of a seven-person team, and every viewer gives the same ones", () => {
    const team = ["u7", "u3", "u1", "u6", "u2", "u5", "u4"];
    const mine = personColours(team);
    const theirs = personColours([...team].reverse());
    expect(new Set(team.map(mine)).size).toBe(7);
    expect(team.map(mine)).toEqual(team.map(theirs));
    expect(PERSON_PALETTE).toContain(mine("not a member"));
  });
});
