import { describe, expect, it } from "vitest";
import type { AgendaCoding, DisagreementItem } from "./agenda";
import { agreedCodings, outcomeProblem } from "./outcome";

const c = (coderId: string, start: number, end: number): AgendaCoding => ({
  id: `${coderId}${start}`,
  coderId,
  codeId: "trust",
  start,
  end,
});
const item: DisagreementItem = {
  kind: "disagreement",
  id: "t:trust:0",
  transcriptId: "t",
  codeId: "trust",
  start: 0,
  end: 30,
  reason: "boundaries",
  coders: { with: ["ann", "bob"], without: [] },
  versions: { ann: [c("ann", 0, 20)], bob: [c("bob", 10, 30)] },
  alternatives: {},
  impact: 20,
};

describe("what a decision leaves in the shared codings", () => {
  it("keeps one coder's version, the union or the intersection", () => {
    expect(agreedCodings(item, { kind: "keep", coderId: "bob" })).toEqual([
      { codeId: "trust", start: 10, end: 30 },
    ]);
    expect(agreedCodings(item, { kind: "union" })).toEqual([{ codeId: "trust", start: 0, end: 30 }]);
    expect(agreedCodings(item, { kind: "intersection" })).toEqual([{ codeId: "trust", start: 10, end: 20 }]);
  });

  it("takes an intersection with a coder who did not apply the code as nothing", () => {
    const absent = { ...item, versions: { ann: [c("ann", 0, 20)], bob: [] } };
    expect(agreedCodings(absent, { kind: "intersection" })).toEqual([]);
    expect(agreedCodings(absent, { kind: "union" })).toEqual([{ codeId: "trust", start: 0, end: 20 }]);
  });

  it("sets boundaries by hand, gives the passage another code, or no code", () => {
    expect(
      agreedCodings(item, {
        kind: "ranges",
        ranges: [
          { start: 5, end: 12 },
          { start: 11, end: 15 },
        ],
      }),
    ).toEqual([{ codeId: "trust", start: 5, end: 15 }]);
    expect(agreedCodings(item, { kind: "code", codeId: "power" })).toEqual([
      { codeId: "power", start: 0, end: 30 },
    ]);
    expect(agreedCodings(item, { kind: "none" })).toEqual([]);
  });

  it("refuses a coder not compared and stretches outside the text, in words", () => {
    expect(outcomeProblem(item, { kind: "keep", coderId: "cat" }, 100)).toBe(
      "That coder is not one of the coders compared here.",
    );
    for (const inherited of ["constructor", "toString", "__proto__"])
      expect(outcomeProblem(item, { kind: "keep", coderId: inherited }, 100)).toBe(
        "That coder is not one of the coders compared here.",
      );
    expect(outcomeProblem(item, { kind: "ranges", ranges: [{ start: 90, end: 120 }] }, 100)).toBe(
      "The stretch 90–120 is not text of this transcript.",
    );
    expect(outcomeProblem(item, { kind: "ranges", ranges: [] }, 100)).toBe(
      "Give at least one stretch of text.",
    );
    expect(outcomeProblem(item, { kind: "union" }, 100)).toBeNull();
  });
});
