import { describe, expect, it } from "vitest";
import { warningsStillTrue } from "./import-warnings";

const misspelt =
  "“Particpant” appears once and looks like a misspelling of “Participant”; merge them in the preview if so.";

describe("an import's warnings", () => {
  it("leave out one about a label once it is merged into another speaker, or is no speaker", () => {
    expect(warningsStillTrue([misspelt], {})).toEqual([misspelt]);
    expect(warningsStillTrue([misspelt], { Particpant: "Participant" })).toEqual([]);
    expect(warningsStillTrue([misspelt], { Particpant: "" })).toEqual([]);
  });

  it("keep one about a label left as it was, or renamed only in its spaces", () => {
    expect(warningsStillTrue([misspelt], { Particpant: "Particpant " })).toEqual([misspelt]);
    // Renaming the label it is compared with says nothing about this one.
    expect(warningsStillTrue([misspelt], { Participant: "Chief Officer" })).toEqual([misspelt]);
  });
});
