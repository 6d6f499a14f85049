import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { DiscussionError } from "./discussion-error";
import {
  deleteComment,
  discussionThreads,
  editComment,
  listThreads,
  MAX_COMMENT_LENGTH,
  markForMeeting,
  readThread,
  reply,
  setResolved,
  startThread,
  type ThreadTarget,
} from "./threads";

const passage: ThreadTarget = {
  kind: "passage",
  anchor: { start: "AA==", end: "AA==", quote: { prefix: "", exact: "co-production", suffix: "" } },
};

function said(id: string, authorId: string, body: string, at: number) {
  return { id, authorId, body, mentions: [], at };
}

/** Two replicas that start from the same thread, act apart, then exchange what they did. */
function twoReplicas() {
  const alice = new Y.Doc();
  startThread(alice, "t1", passage, said("c1", "alice", "Is this *implementation* or *sustaining*?", 100));
  const bob = new Y.Doc();
  Y.applyUpdate(bob, Y.encodeStateAsUpdate(alice));
  const exchange = () => {
    Y.applyUpdate(bob, Y.encodeStateAsUpdate(alice, Y.encodeStateVector(bob)));
    Y.applyUpdate(alice, Y.encodeStateAsUpdate(bob, Y.encodeStateVector(alice)));
  };
  return { alice, bob, exchange };
}

describe("a thread", () => {
  it("starts with its first comment and keeps replies in order", () => {
    const doc = new Y.Doc();
    startThread(doc, "t1", passage, said("c1", "alice", "First", 100));
    reply(doc, "t1", said("c2", "bob", "Second", 110));
    const [thread] = listThreads(doc);
    expect(thread?.comments.map((c) => [c.authorId, c.body])).toEqual([
      ["alice", "First"],
      ["bob", "Second"],
    ]);
    expect(thread).toMatchObject({ createdBy: "alice", resolved: false, target: passage });
  });

  it("can be resolved and reopened by anyone, and a later reply reopens it", () => {
    const doc = new Y.Doc();
    startThread(doc, "t1", passage, said("c1", "alice", "First", 100));
    setResolved(doc, "t1", "carol", true, 120);
    expect(listThreads(doc)[0]?.resolved).toBe(true);
    setResolved(doc, "t1", "dave", false, 130);
    expect(listThreads(doc)[0]?.resolved).toBe(false);
    setResolved(doc, "t1", "dave", true, 140);
    reply(doc, "t1", said("c2", "bob", "But wait", 150));
    expect(listThreads(doc)[0]?.resolved).toBe(false);
  });

  it("lets only a comment's author edit or delete it, and a deleted comment stays as a marker", () => {
    const doc = new Y.Doc();
    startThread(doc, "t1", passage, said("c1", "alice", "First", 100));
    reply(doc, "t1", said("c2", "bob", "Second", 110));
    expect(() => editComment(doc, "t1", "c1", "bob", { body: "Hijacked", mentions: [], at: 120 })).toThrow(
      DiscussionError,
    );
    expect(() => deleteComment(doc, "t1", "c1", "bob", 120)).toThrow("Only its author");
    editComment(doc, "t1", "c1", "alice", { body: "First, clearer", mentions: [], at: 130 });
    deleteComment(doc, "t1", "c1", "alice", 140);
    const [first, second] = listThreads(doc)[0]?.comments ?? [];
    expect(first).toMatchObject({ id: "c1", deleted: true, body: "", editedAt: 140 });
    expect(second).toMatchObject({ id: "c2", body: "Second" });
    expect(() => editComment(doc, "t1", "c1", "alice", { body: "Back", mentions: [], at: 150 })).toThrow(
      "has been deleted",
    );
  });

  it("refuses empty and oversized comments and too many mentions, with the reason", () => {
    const doc = new Y.Doc();
    expect(() => startThread(doc, "t1", passage, said("c1", "alice", "   ", 100))).toThrow("Write something");
    expect(() =>
      startThread(doc, "t1", passage, said("c1", "alice", "x".repeat(MAX_COMMENT_LENGTH + 1), 100)),
    ).toThrow("at most 10,000 characters; this one has 10,001");
    const many = Array.from({ length: 21 }, (_, i) => `user${i}`);
    expect(() =>
      startThread(doc, "t1", passage, { id: "c1", authorId: "a", body: "hi", mentions: many, at: 1 }),
    ).toThrow("at most 20 people");
    expect(listThreads(doc)).toEqual([]);
    expect(() => reply(doc, "missing", said("c1", "alice", "hello", 1))).toThrow("no such thread");
  });
});

describe("two people acting on one thread at once", () => {
  it("converge when one resolves while the other replies: the reply is kept, and reopens the thread if later", () => {
    const { alice, bob, exchange } = twoReplicas();
    setResolved(alice, "t1", "alice", true, 200);
    reply(bob, "t1", said("c2", "bob", "Sustaining, I think", 201));
    exchange();
    expect(listThreads(alice)).toEqual(listThreads(bob));
    const [thread] = listThreads(alice);
    expect(thread?.comments.map((c) => c.id)).toEqual(["c1", "c2"]);
    expect(thread?.resolved).toBe(false);
  });

  it("converge when the reply came first and the resolution after: resolved, the reply kept", () => {
    const { alice, bob, exchange } = twoReplicas();
    reply(bob, "t1", said("c2", "bob", "Sustaining, I think", 200));
    setResolved(alice, "t1", "alice", true, 201);
    exchange();
    expect(listThreads(alice)).toEqual(listThreads(bob));
    expect(listThreads(alice)[0]).toMatchObject({ resolved: true });
    expect(listThreads(alice)[0]?.comments).toHaveLength(2);
  });

  it("converge when two people resolve and reopen at once: one decision wins everywhere", () => {
    const { alice, bob, exchange } = twoReplicas();
    setResolved(alice, "t1", "alice", true, 200);
    setResolved(bob, "t1", "bob", false, 200);
    exchange();
    expect(listThreads(alice)).toEqual(listThreads(bob));
  });

  it("converge when the author deletes the first comment while another replies to it", () => {
    const { alice, bob, exchange } = twoReplicas();
    deleteComment(alice, "t1", "c1", "alice", 200);
    reply(bob, "t1", said("c2", "bob", "I agree with you", 201));
    exchange();
    expect(listThreads(alice)).toEqual(listThreads(bob));
    const comments = listThreads(alice)[0]?.comments ?? [];
    expect(comments.map((c) => [c.id, c.deleted])).toEqual([
      ["c1", true],
      ["c2", false],
    ]);
  });

  it("converge when two people reply at once: both replies kept, in the same order everywhere", () => {
    const { alice, bob, exchange } = twoReplicas();
    reply(alice, "t1", said("c2", "alice", "One", 200));
    reply(bob, "t1", said("c3", "bob", "Two", 200));
    exchange();
    expect(listThreads(alice)).toEqual(listThreads(bob));
    expect(
      listThreads(alice)[0]
        ?.comments.map((c) => c.id)
        .sort(),
    ).toEqual(["c1", "c2", "c3"]);
  });
});

describe("a thread marked for the meeting", () => {
  it("says who marked it and when, until someone takes the mark away", () => {
    const doc = new Y.Doc();
    startThread(
      doc,
      "t1",
      { kind: "code", codeId: "trust" },
      { id: "c1", authorId: "ann", body: "Trust or habit?", mentions: [], at: 1 },
    );
    expect(readThread(discussionThreads(doc).get("t1") as Y.Map<unknown>).forMeeting).toBeNull();
    markForMeeting(doc, "t1", "bob", true, 5);
    expect(readThread(discussionThreads(doc).get("t1") as Y.Map<unknown>).forMeeting).toEqual({
      by: "bob",
      at: 5,
    });
    markForMeeting(doc, "t1", "ann", false, 6);
    expect(readThread(discussionThreads(doc).get("t1") as Y.Map<unknown>).forMeeting).toBeNull();
  });
});
