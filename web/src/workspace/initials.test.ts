import { describe, expect, it } from "vitest";
import { distinctInitials, initials } from "./initials";

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

describe("the initials of people shown together", () => {
  it("tell apart two with the same initials by their first names, and by number past that", () => {
    expect(distinctInitials(["Olive Owner", "Obi Observer", "Cara Coder"])).toEqual(["Ol", "Ob", "CC"]);
    expect(distinctInitials(["Ann Smith", "Ann Stewart", "Bob Ross"])).toEqual(["A1", "A2", "BR"]);
    expect(distinctInitials(["Lead Researcher"])).toEqual(["LR"]);
  });
});
