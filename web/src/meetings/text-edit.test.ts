import { describe, expect, it } from "vitest";
import { textEdit } from "./text-edit";

describe("the edit a text field made", () => {
  it("is an insertion, a deletion or a replacement between what stayed the same", () => {
    expect(textEdit("Both hold", "Both readings hold")).toEqual({ at: 5, remove: 0, insert: "readings " });
    expect(textEdit("Both readings hold", "Both hold")).toEqual({ at: 5, remove: 9, insert: "" });
    expect(textEdit("trust", "faith")).toEqual({ at: 0, remove: 5, insert: "faith" });
    expect(textEdit("aaa", "aaaa")).toEqual({ at: 3, remove: 0, insert: "a" });
    expect(textEdit("", "")).toEqual({ at: 0, remove: 0, insert: "" });
  });

  it("gives, applied to the text before, the text after (200 seeded pairs)", () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const word = () =>
      Array.from({ length: Math.floor(random() * 8) }, () => "ab c"[Math.floor(random() * 4)]).join("");
    for (let i = 0; i < 200; i++) {
      const before = word() + word();
      const after =
        before.slice(0, Math.floor(random() * before.length)) +
        word() +
        before.slice(Math.floor(random() * before.length));
      const { at, remove, insert } = textEdit(before, after);
      expect(before.slice(0, at) + insert + before.slice(at + remove)).toBe(after);
    }
  });
});
