import { describe, expect, it } from "vitest";
import { contextWindow } from "./context-window";

// Two turns: "Ann" 0–23, "Bob" 24–65 (one newline between them).
const text = "We trusted the council.\nThey listened to us, and then they acted.";
const turns = [
  { start: 0, end: 23, speaker: "Ann" },
  { start: 24, end: 65, speaker: "Bob" },
];

describe("the context shown around a passage", () => {
  it("runs from the start of the passage's turn to the end of its turn when they are within reach", () => {
    expect(contextWindow(text, turns, 29, 37, 100)).toEqual({ from: 24, to: 65 });
  });

  it("otherwise starts and ends on whole words, never in the middle of one", () => {
    // "then" in Bob's turn, 6 characters either side: ", and then they a" cut to whole words.
    const { from, to } = contextWindow(text, turns, 49, 53, 6);
    expect(text.slice(from, to)).toBe("and then they");
  });

  it("counts in code points, as codings do", () => {
    // The emoji is one code point and two UTF-16 units: "two" is at code points 6–9.
    expect(contextWindow("😀 one two three four", [], 6, 9, 5)).toEqual({ from: 2, to: 9 });
  });

  it("never cuts into the passage itself", () => {
    expect(contextWindow(text, turns, 5, 14, 0)).toEqual({ from: 5, to: 14 });
  });
});
