import { describe, expect, it } from "vitest";
import { initials } from "./initials";

describe("a person's initials", () => {
  it("are their first and last names' first letters, titles left out", () => {
    expect(initials("Dr Rachel Kerr")).toBe("RK");
    expect(initials("Prof. Ann Marie Smith")).toBe("AS");
    expect(initials("Lead Researcher")).toBe("LR");
    expect(initials("Morag")).toBe("M");
    expect(initials("Dr")).toBe("D");
    expect(initials("Ólafur Ragnar")).toBe("ÓR");
  });
});
