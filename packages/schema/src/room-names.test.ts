import { describe, expect, it } from "vitest";
import { formatRoomName, parseRoomName } from "./room-names";

describe("room names", () => {
  it("name the project each document belongs to", () => {
    expect(parseRoomName("project.p1")).toEqual({ kind: "project", projectId: "p1" });
    expect(parseRoomName("transcript.p1.t9")).toEqual({
      kind: "transcript",
      projectId: "p1",
      transcriptId: "t9",
    });
    expect(parseRoomName("layer.p1.t9.r2.u3")).toEqual({
      kind: "layer",
      projectId: "p1",
      transcriptId: "t9",
      roundId: "r2",
      userId: "u3",
    });
    expect(parseRoomName("discussion.p1")).toEqual({
      kind: "discussion",
      projectId: "p1",
      transcriptId: null,
    });
    expect(parseRoomName("discussion.p1.t9")).toEqual({
      kind: "discussion",
      projectId: "p1",
      transcriptId: "t9",
    });
    expect(parseRoomName("inbox.u3")).toEqual({ kind: "inbox", userId: "u3" });
  });

  it("round-trip through formatting", () => {
    for (const name of [
      "project.a",
      "transcript.a.b",
      "layer.a-1.b_2.c.d",
      "discussion.a",
      "discussion.a.b",
      "inbox.u",
    ]) {
      const parsed = parseRoomName(name);
      expect(parsed && formatRoomName(parsed)).toBe(name);
    }
  });

  it("reject unknown kinds, wrong arity, and characters a URL would mangle", () => {
    for (const name of [
      "",
      "project",
      "project.",
      "doc.p1",
      "project.p1.extra",
      "transcript.p1",
      "discussion.p1.t1.x",
      "inbox",
      "inbox.u.v",
      "project.a b",
      "project.a/b",
      "project.é",
      `project.${"x".repeat(65)}`,
    ]) {
      expect(parseRoomName(name)).toBeNull();
    }
  });
});
