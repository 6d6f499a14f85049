import { describe, expect, it } from "vitest";
import { codesBlind, mayReadAllLayers, type RoundFacts } from "./rounds";

function round(changes: Partial<RoundFacts> = {}): RoundFacts {
  return {
    status: "open",
    monitor: false,
    transcriptIds: ["t"],
    coderIds: ["alice"],
    codeIds: null,
    ...changes,
  };
}

describe("coding rounds", () => {
  it("keeps a round's coder blind on its transcripts until it is revealed", () => {
    expect(codesBlind([round()], "t", "alice")).toBe(true);
    expect(codesBlind([round({ status: "closed" })], "t", "alice")).toBe(true);
    expect(codesBlind([round({ status: "revealed" })], "t", "alice")).toBe(false);
    expect(codesBlind([round()], "other", "alice")).toBe(false);
    expect(codesBlind([round()], "t", "bob")).toBe(false);
  });

  it("shows all of a round's layers to owners under monitor before reveal, and to every member after", () => {
    expect(mayReadAllLayers(round(), "owner")).toBe(false);
    expect(mayReadAllLayers(round({ monitor: true }), "owner")).toBe(true);
    expect(mayReadAllLayers(round({ monitor: true }), "coder")).toBe(false);
    expect(mayReadAllLayers(round({ status: "revealed" }), "observer")).toBe(true);
    expect(mayReadAllLayers(round({ status: "revealed" }), null)).toBe(false);
  });
});
