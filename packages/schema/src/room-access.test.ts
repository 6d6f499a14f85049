import { describe, expect, it } from "vitest";
import { inboxAccess, roomAccess } from "./room-access";
import type { RoomName } from "./room-names";
import type { RoundFacts } from "./rounds";

/** An open round of transcript t for alice and bob, with `changes`. */
function round(changes: Partial<RoundFacts> = {}): RoundFacts {
  return {
    status: "open",
    monitor: false,
    transcriptIds: ["t"],
    coderIds: ["alice", "bob"],
    codeIds: null,
    ...changes,
  };
}

const open = { archived: false, codebookLocked: false };
const project: RoomName = { kind: "project", projectId: "p" };
const transcript: RoomName = { kind: "transcript", projectId: "p", transcriptId: "t" };
const aliceLayer: RoomName = {
  kind: "layer",
  projectId: "p",
  transcriptId: "t",
  roundId: "r",
  userId: "alice",
};

describe("room access", () => {
  it("gives non-members nothing anywhere", () => {
    for (const room of [project, transcript, aliceLayer])
      expect(roomAccess(room, "x", null, open)).toBeNull();
  });

  it("lets coders and owners write transcripts and observers only read them", () => {
    expect(roomAccess(transcript, "u", "owner", open)).toBe("read-write");
    expect(roomAccess(transcript, "u", "coder", open)).toBe("read-write");
    expect(roomAccess(transcript, "u", "observer", open)).toBe("read-only");
  });

  it("leaves the project room writable for coders when the codebook is locked (the rules keep the codes)", () => {
    const locked = { archived: false, codebookLocked: true };
    expect(roomAccess(project, "u", "coder", open)).toBe("read-write");
    // The room stays writable for the project's memos; the document rules refuse codebook changes.
    expect(roomAccess(project, "u", "coder", locked)).toBe("read-write");
    expect(roomAccess(project, "u", "owner", locked)).toBe("read-write");
  });

  it("opens a layer only for a round that includes its transcript and its coder", () => {
    expect(roomAccess(aliceLayer, "alice", "coder", open)).toBeNull();
    expect(roomAccess(aliceLayer, "alice", "coder", open, round({ transcriptIds: ["other"] }))).toBeNull();
    expect(roomAccess(aliceLayer, "alice", "coder", open, round({ coderIds: ["bob"] }))).toBeNull();
    expect(
      roomAccess(aliceLayer, "owen", "owner", open, round({ coderIds: ["bob"], monitor: true })),
    ).toBeNull();
  });

  it("keeps an open round's layer to its coder, with owners reading it only under monitor", () => {
    expect(roomAccess(aliceLayer, "alice", "coder", open, round())).toBe("read-write");
    expect(roomAccess(aliceLayer, "bob", "coder", open, round())).toBeNull();
    expect(roomAccess(aliceLayer, "olive", "observer", open, round())).toBeNull();
    expect(roomAccess(aliceLayer, "owen", "owner", open, round())).toBeNull();
    expect(roomAccess(aliceLayer, "owen", "owner", open, round({ monitor: true }))).toBe("read-only");
    expect(roomAccess(aliceLayer, "bob", "coder", open, round({ monitor: true }))).toBeNull();
  });

  it("lets a coder only read their layer once the round is closed, and nobody else before reveal", () => {
    const closed = round({ status: "closed" });
    expect(roomAccess(aliceLayer, "alice", "coder", open, closed)).toBe("read-only");
    expect(roomAccess(aliceLayer, "bob", "coder", open, closed)).toBeNull();
    expect(roomAccess(aliceLayer, "owen", "owner", open, closed)).toBeNull();
  });

  it("lets every member read, and nobody write, a revealed round's layers", () => {
    const revealed = round({ status: "revealed" });
    for (const [user, role] of [
      ["alice", "coder"],
      ["bob", "coder"],
      ["olive", "observer"],
      ["owen", "owner"],
    ] as const)
      expect(roomAccess(aliceLayer, user, role, open, revealed)).toBe("read-only");
    expect(roomAccess(aliceLayer, "x", null, open, revealed)).toBeNull();
  });

  it("lets a coder made an observer during the round read their layer but not write it", () => {
    expect(roomAccess(aliceLayer, "alice", "observer", open, round())).toBe("read-only");
  });

  it("lets every member read discussions and nobody write them: the server writes comments", () => {
    for (const room of [
      { kind: "discussion", projectId: "p", transcriptId: "t" },
      { kind: "discussion", projectId: "p", transcriptId: null },
    ] as const) {
      for (const role of ["owner", "coder", "observer"] as const)
        expect(roomAccess(room, "u", role, open)).toBe("read-only");
      expect(roomAccess(room, "x", null, open)).toBeNull();
    }
  });

  it("keeps an inbox to its owner, who only reads it", () => {
    expect(inboxAccess({ userId: "alice" }, "alice")).toBe("read-only");
    expect(inboxAccess({ userId: "alice" }, "bob")).toBeNull();
    expect(roomAccess({ kind: "inbox", userId: "alice" }, "alice", "owner", open)).toBeNull();
  });

  it("makes an archived project read-only for everyone", () => {
    const archived = { archived: true, codebookLocked: false };
    expect(roomAccess(transcript, "u", "owner", archived)).toBe("read-only");
    expect(roomAccess(aliceLayer, "alice", "coder", archived, round())).toBe("read-only");
  });
});
