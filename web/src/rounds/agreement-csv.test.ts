import { roundAgreement } from "@concord/agreement";
import { describe, expect, it } from "vitest";
import { agreementCsv } from "./agreement-csv";

describe("the agreement table as CSV", () => {
  it("has a row per code and pair, quotes names with commas, and leaves undefined values empty", () => {
    const result = roundAgreement({
      unit: "turn",
      coders: ["a", "b"],
      codes: [
        { id: "trust", name: "Trust, mutual" },
        { id: "power", name: "Power" },
      ],
      transcripts: [
        {
          id: "t",
          length: 21,
          turns: [
            { start: 0, end: 10 },
            { start: 11, end: 21 },
          ],
          layers: { a: [{ codeId: "trust", start: 0, end: 5 }], b: [{ codeId: "trust", start: 0, end: 5 }] },
        },
      ],
    });
    const lines = agreementCsv(result, (id) => (id === "a" ? "Ann" : "Bob"))
      .trimEnd()
      .split("\r\n");
    expect(lines[0]).toBe(
      "unit,code,coder A,coder B,krippendorff_alpha,percent_agreement,units,undefined_because",
    );
    expect(lines).toContain('turn,"Trust, mutual",Ann,Bob,1,1,2,');
    expect(lines).toContain("turn,Power,Ann,Bob,,1,2,no variation: no coder applied this code");
    expect(lines).toHaveLength(1 + 1 + 2 + 1 + 2);
  });
});
