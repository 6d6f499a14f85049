import type { StoredAnchor } from "@concord/schema";
import * as Y from "yjs";
import { DiscussionError } from "./discussion-error";

/** The longest comment accepted, in characters: a long memo belongs in a memo. */
export const MAX_COMMENT_LENGTH = 10_000;
/** The most people one comment may mention. */
export const MAX_MENTIONS = 20;

/**
 * What a thread is about: a passage of a transcript, one coding (its passage kept as a fallback), or
 * a code of the codebook (those threads live in the project's discussion).
 */
export type ThreadTarget =
  | { readonly kind: "passage"; readonly anchor: StoredAnchor }
  | { readonly kind: "coding"; readonly codingId: string; readonly anchor: StoredAnchor }
  | { readonly kind: "code"; readonly codeId: string };

/** One comment of a thread. A deleted one keeps its place, without its words, so replies keep their context. */
export interface Comment {
  readonly id: string;
  readonly authorId: string;
  readonly body: string;
  /** The members the comment mentions, by user id. */
  readonly mentions: readonly string[];
  readonly createdAt: number;
  readonly editedAt: number | null;
  readonly deleted: boolean;
}

/** The last resolve or reopen of a thread. */
export interface Resolution {
  readonly resolved: boolean;
  readonly by: string;
  readonly at: number;
}

/** A thread as read from the document. */
export interface Thread {
  readonly id: string;
  readonly target: ThreadTarget;
  readonly createdBy: string;
  readonly createdAt: number;
  readonly resolution: Resolution | null;
  /** Resolved, unless someone replied after it was resolved: a reply reopens the conversation. */
  readonly resolved: boolean;
  readonly comments: readonly Comment[];
  /** Marked to be talked over in the next consensus meeting: who marked it, and when; null if not. */
  readonly forMeeting: { readonly by: string; readonly at: number } | null;
}

/** What a new comment says. */
export interface CommentInput {
  readonly id: string;
  readonly authorId: string;
  readonly body: string;
  readonly mentions: readonly string[];
  readonly at: number;
}

/** The threads of a discussion document (one per transcript, one per project), by id. */
export function discussionThreads(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap("threads");
}

function checked(input: Pick<CommentInput, "body" | "mentions">): { body: string; mentions: string[] } {
  const body = input.body.trim();
  if (body.length === 0) throw new DiscussionError("empty", "Write something first.");
  if (body.length > MAX_COMMENT_LENGTH)
    throw new DiscussionError(
      "too-long",
      `A comment can have at most ${MAX_COMMENT_LENGTH.toLocaleString("en")} characters; this one has ${body.length.toLocaleString("en")}.`,
    );
  const mentions = [...new Set(input.mentions)];
  if (mentions.length > MAX_MENTIONS)
    throw new DiscussionError("too-many-mentions", `A comment can mention at most ${MAX_MENTIONS} people.`);
  return { body, mentions };
}

function commentMap(input: CommentInput): Y.Map<unknown> {
  const { body, mentions } = checked(input);
  return new Y.Map<unknown>([
    ["id", input.id],
    ["authorId", input.authorId],
    ["body", body],
    ["mentions", mentions],
    ["createdAt", input.at],
    ["editedAt", null],
    ["deleted", false],
  ]);
}

function threadMap(doc: Y.Doc, threadId: string): Y.Map<unknown> {
  const thread = discussionThreads(doc).get(threadId);
  if (!thread) throw new DiscussionError("no-such-thread", "There is no such thread here.");
  return thread;
}

function commentsOf(thread: Y.Map<unknown>): Y.Array<Y.Map<unknown>> {
  return thread.get("comments") as Y.Array<Y.Map<unknown>>;
}

function commentOf(doc: Y.Doc, threadId: string, commentId: string): Y.Map<unknown> {
  const comment = commentsOf(threadMap(doc, threadId))
    .toArray()
    .find((c) => c.get("id") === commentId);
  if (!comment) throw new DiscussionError("no-such-comment", "There is no such comment in this thread.");
  return comment;
}

/** Starts a thread on `target` with its first comment. */
export function startThread(doc: Y.Doc, threadId: string, target: ThreadTarget, first: CommentInput): void {
  const comment = commentMap(first);
  doc.transact(() => {
    const comments = new Y.Array<Y.Map<unknown>>();
    comments.push([comment]);
    discussionThreads(doc).set(
      threadId,
      new Y.Map<unknown>([
        ["id", threadId],
        ["target", target],
        ["createdBy", first.authorId],
        ["createdAt", first.at],
        ["resolution", null],
        ["comments", comments],
      ]),
    );
  });
}

/** Adds a reply at the end of a thread. */
export function reply(doc: Y.Doc, threadId: string, input: CommentInput): void {
  const comment = commentMap(input);
  const thread = threadMap(doc, threadId);
  doc.transact(() => commentsOf(thread).push([comment]));
}

function ownComment(doc: Y.Doc, threadId: string, commentId: string, actorId: string): Y.Map<unknown> {
  const comment = commentOf(doc, threadId, commentId);
  if (comment.get("authorId") !== actorId)
    throw new DiscussionError("not-the-author", "Only its author can change or delete a comment.");
  if (comment.get("deleted") === true)
    throw new DiscussionError("comment-deleted", "This comment has been deleted.");
  return comment;
}

/** Changes the words of one's own comment. */
export function editComment(
  doc: Y.Doc,
  threadId: string,
  commentId: string,
  actorId: string,
  change: Pick<CommentInput, "body" | "mentions" | "at">,
): void {
  const comment = ownComment(doc, threadId, commentId, actorId);
  const { body, mentions } = checked(change);
  doc.transact(() => {
    comment.set("body", body);
    comment.set("mentions", mentions);
    comment.set("editedAt", change.at);
  });
}

/** Deletes one's own comment: its words go, a marker stays so that replies keep their context. */
export function deleteComment(
  doc: Y.Doc,
  threadId: string,
  commentId: string,
  actorId: string,
  at: number,
): void {
  const comment = ownComment(doc, threadId, commentId, actorId);
  doc.transact(() => {
    comment.set("deleted", true);
    comment.set("body", "");
    comment.set("mentions", []);
    comment.set("editedAt", at);
  });
}

/** Resolves or reopens a thread; anyone who can see it may. */
export function setResolved(
  doc: Y.Doc,
  threadId: string,
  actorId: string,
  resolved: boolean,
  at: number,
): void {
  const thread = threadMap(doc, threadId);
  thread.set("resolution", { resolved, by: actorId, at } satisfies Resolution);
}

/** Marks a thread to be talked over in a consensus meeting, or takes the mark away (anyone may). */
export function markForMeeting(
  doc: Y.Doc,
  threadId: string,
  actorId: string,
  marked: boolean,
  at: number,
): void {
  const thread = threadMap(doc, threadId);
  thread.set("forMeeting", marked ? { by: actorId, at } : null);
}

/** Points an orphaned (or misplaced) passage thread at a new passage. */
export function reattachThread(doc: Y.Doc, threadId: string, anchor: StoredAnchor): void {
  const thread = threadMap(doc, threadId);
  const target = thread.get("target") as ThreadTarget;
  if (target.kind === "code") return;
  thread.set("target", { ...target, anchor });
}

function readComment(map: Y.Map<unknown>): Comment {
  return {
    id: String(map.get("id")),
    authorId: String(map.get("authorId")),
    body: String(map.get("body") ?? ""),
    mentions: (map.get("mentions") as string[] | undefined) ?? [],
    createdAt: Number(map.get("createdAt") ?? 0),
    editedAt: (map.get("editedAt") as number | null | undefined) ?? null,
    deleted: map.get("deleted") === true,
  };
}

/** Reads one thread. */
export function readThread(map: Y.Map<unknown>): Thread {
  const comments = commentsOf(map).toArray().map(readComment);
  const resolution = (map.get("resolution") as Resolution | null | undefined) ?? null;
  const lastWord = Math.max(0, ...comments.filter((c) => !c.deleted).map((c) => c.createdAt));
  return {
    id: String(map.get("id")),
    target: map.get("target") as ThreadTarget,
    createdBy: String(map.get("createdBy")),
    createdAt: Number(map.get("createdAt") ?? 0),
    resolution,
    resolved: resolution?.resolved === true && lastWord <= resolution.at,
    comments,
    forMeeting: (map.get("forMeeting") as { by: string; at: number } | null | undefined) ?? null,
  };
}

/** Every thread of a discussion document, oldest first. */
export function listThreads(doc: Y.Doc): Thread[] {
  const threads: Thread[] = [];
  discussionThreads(doc).forEach((map) => {
    threads.push(readThread(map));
  });
  return threads.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
}
