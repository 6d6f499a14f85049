import { describe, expect, it } from "vitest";
import { counted } from "./counted";

describe("a count with its noun", () => {
  it("is singular for one and plural otherwise, with thousands grouped", () => {
    expect(counted(1, "speaker")).toBe("1 speaker");
    expect(counted(0, "speaker")).toBe("0 speakers");
    expect(counted(53021, "word")).toBe("53,021 words");
    expect(counted(2, "person", "people")).toBe("2 people");
  });
});
