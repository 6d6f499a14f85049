import type { Round } from "@concord/schema";
import { describe, expect, it } from "vitest";
import { WorkspaceModel } from "./workspace-model";

function round(changes: Partial<Round> = {}): Round {
  return {
    id: "r1",
    projectId: "p",
    name: "Pilot",
    transcriptIds: ["t"],
    coderIds: ["ann", "bob"],
    codeIds: null,
    monitor: false,
    status: "open",
    createdBy: "owen",
    createdAt: 1,
    closedAt: null,
    revealedAt: null,
    ...changes,
  };
}

describe("the transcript workspace's model", () => {
  it("shows a blind coder their own layer on opening, and codes into it", () => {
    const model = new WorkspaceModel("p", "t", "ann");
    model.update([round()], "coder");
    expect(model.snapshot().shown).toEqual({ kind: "layers", roundId: "r1", coderIds: ["ann"] });
    expect(model.codingTarget()).toMatchObject({ kind: "layer", round: { id: "r1" } });
    expect(model.layerRooms()).toEqual(["layer.p.t.r1.ann"]);
  });

  it("lets the coder switch to the shared codings and back, and keeps their choice", () => {
    const model = new WorkspaceModel("p", "t", "ann");
    model.update([round()], "coder");
    model.show({ kind: "shared" });
    model.update([round()], "coder");
    expect(model.snapshot().shown).toEqual({ kind: "shared" });
    // Reading the shared codings, not adding to them: the server keeps a blind coder's codings out.
    expect(model.codingTarget()).toBeNull();
    model.update([round({ status: "revealed" })], "coder");
    expect(model.codingTarget()).toEqual({ kind: "shared" });
  });

  it("never offers a colleague's layer before reveal, and offers every layer after", () => {
    const model = new WorkspaceModel("p", "t", "ann");
    model.update([round()], "coder");
    model.show({ kind: "layers", roundId: "r1", coderIds: ["ann", "bob"] });
    model.update([round()], "coder");
    expect(model.snapshot().shown).toEqual({ kind: "layers", roundId: "r1", coderIds: ["ann"] });
    model.update([round({ status: "revealed" })], "coder");
    expect(model.readableCoders(round({ status: "revealed" }))).toEqual(["ann", "bob"]);
  });

  it("does not code into a closed round's layer, nor into an overlay of layers", () => {
    const model = new WorkspaceModel("p", "t", "ann");
    model.update([round({ status: "closed" })], "coder");
    expect(model.codingTarget()).toBeNull();
    model.update([round({ status: "revealed" })], "coder");
    model.show({ kind: "layers", roundId: "r1", coderIds: ["ann", "bob"] });
    expect(model.codingTarget()).toBeNull();
  });

  it("shows the shared codings to someone outside the round, and ignores rounds of other transcripts", () => {
    const model = new WorkspaceModel("p", "t", "cat");
    model.update([round(), round({ id: "r2", transcriptIds: ["other"], coderIds: ["cat", "ann"] })], "coder");
    expect(model.snapshot().shown).toEqual({ kind: "shared" });
    expect(model.snapshot().rounds.map((r) => r.id)).toEqual(["r1"]);
    expect(model.blindRound()).toBeNull();
  });
});
