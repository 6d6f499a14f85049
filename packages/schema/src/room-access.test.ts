import { describe, expect, it } from "vitest";
import { inboxAccess, roomAccess } from "./room-access";
import type { RoomName } from "./room-names";

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

  it("keeps a blind layer to its coder, with owners allowed to monitor", () => {
    expect(roomAccess(aliceLayer, "alice", "coder", open)).toBe("read-write");
    expect(roomAccess(aliceLayer, "bob", "coder", open)).toBeNull();
    expect(roomAccess(aliceLayer, "olive", "observer", open)).toBeNull();
    expect(roomAccess(aliceLayer, "owen", "owner", open)).toBe("read-only");
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
    expect(roomAccess(aliceLayer, "alice", "coder", archived)).toBe("read-only");
  });
});
