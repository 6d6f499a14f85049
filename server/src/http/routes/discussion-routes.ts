import { indexTranscript, resolveAnchor } from "@concord/anchoring";
import {
  type CommentInput,
  DiscussionError,
  deleteComment,
  discussionThreads,
  editComment,
  listThreads,
  MAX_MENTIONS,
  markForMeeting,
  readThread,
  reattachThread,
  reply,
  setResolved,
  startThread,
  type Thread,
  type ThreadTarget,
} from "@concord/discussion";
import { formatComment, plainText } from "@concord/discussion/comment-format";
import {
  formatRoomName,
  isId,
  listCodes,
  parseRoomName,
  type StoredAnchor,
  transcriptCodings,
  transcriptContent,
} from "@concord/schema";
import type { Context } from "hono";
import { Hono } from "hono";
import type * as Y from "yjs";
import { z } from "zod";
import { createId } from "../../db/secrets";
import type { Project } from "../../projects/project-store";
import type { Services } from "../../services";
import { ApiError, badRequest, ErrorCode, forbidden, notFound } from "../api-error";
import type { ApiEnv } from "../authentication";
import { requireProjectRole } from "../project-access";
import { readBody } from "../validation";

const id = z.string().refine(isId, "is not an id");
const anchor = z.object({
  start: z.string().min(1).max(2000),
  end: z.string().min(1).max(2000),
  quote: z.object({
    prefix: z.string().max(2000),
    exact: z.string().max(100_000),
    suffix: z.string().max(2000),
  }),
});
const target = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("passage"), anchor }),
  z.object({ kind: z.literal("coding"), codingId: id, anchor }),
  z.object({ kind: z.literal("code"), codeId: id }),
]);
// The discussion layer checks the length and says so in words; this only stops absurd requests early.
const words = {
  body: z.string().max(200_000),
  mentions: z
    .array(id)
    .max(MAX_MENTIONS * 5)
    .default([]),
};
const startBody = z.object({ target, ...words });
const commentBody = z.object(words);
const resolutionBody = z.object({ resolved: z.boolean() });
const meetingBody = z.object({ forMeeting: z.boolean() });
const anchorBody = z.object({ anchor });

/**
 * Where a discussion lives: the project's own (threads on codes) or one transcript's; or, for a
 * coder who codes the transcript blind in a round, their own layer of it (`private`), which nobody
 * else reads until the round is revealed (owners only under monitor).
 */
interface Scope {
  readonly room: string;
  readonly transcriptId: string | null;
  readonly private: boolean;
}

/** The discussion layer's refusals, as the API's. */
function asApiError(error: unknown): unknown {
  if (!(error instanceof DiscussionError)) return error;
  switch (error.code) {
    case "no-such-thread":
    case "no-such-comment":
      return notFound(error.message);
    case "not-the-author":
      return forbidden(error.message);
    case "too-long":
      return new ApiError(413, ErrorCode.payloadTooLarge, error.message);
    default:
      return badRequest(error.message);
  }
}

/**
 * Comment threads under /api/projects/:projectId/discussions. Every member, observers included, may
 * read and comment; the server writes each change into the discussion room's document, so authorship
 * is the signed-in person, never a claim of the client.
 */
export function discussionRoutes(services: Services): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  const { rooms, projects, transcripts, notifications, liveAccess } = services;

  const scopeOf = (project: Project, scope: string): Scope => {
    if (scope === "project")
      return {
        room: formatRoomName({ kind: "discussion", projectId: project.id, transcriptId: null }),
        transcriptId: null,
        private: false,
      };
    if (!isId(scope) || !transcripts.get(project.id, scope))
      throw notFound("There is no such transcript in this project.");
    return {
      room: formatRoomName({ kind: "discussion", projectId: project.id, transcriptId: scope }),
      transcriptId: scope,
      private: false,
    };
  };

  /**
   * The project, its member, and the scope; refuses changes to an archived project. What a coder
   * who codes the transcript blind says about it goes into their own layer of the round instead:
   * everyone reads a transcript's discussion, and it would show the others what they are finding.
   */
  const participant = (c: Context<ApiEnv>) => {
    const { project, userId } = requireProjectRole(c, services, "observer");
    if (project.archivedAt !== null)
      throw forbidden("This project is archived: its discussions are read-only.");
    const scope = scopeOf(project, c.req.param("scope") ?? "");
    const roundId = scope.transcriptId
      ? services.rounds.blindRoundOf(project.id, scope.transcriptId, userId)
      : null;
    if (roundId === null || scope.transcriptId === null) return { project, userId, scope };
    const room = formatRoomName({
      kind: "layer",
      projectId: project.id,
      transcriptId: scope.transcriptId,
      roundId,
      userId,
    });
    return { project, userId, scope: { room, transcriptId: scope.transcriptId, private: true } };
  };

  const change = async <T>(scope: Scope, edit: (doc: Y.Doc) => T): Promise<T> => {
    let result: T;
    try {
      result = await rooms.change(scope.room, edit);
    } catch (error) {
      throw asApiError(error);
    }
    // The project page's list of open threads follows every change of any of its discussions.
    const room = parseRoomName(scope.room);
    if (room && room.kind === "discussion") await liveAccess.signalThreadsChanged(room.projectId);
    return result;
  };
  /** Changes one thread and answers with it as it is after the change. */
  const changeThread = (scope: Scope, threadId: string, edit: (doc: Y.Doc) => void): Promise<Thread> =>
    change(scope, (doc) => {
      edit(doc);
      return readThread(discussionThreads(doc).get(threadId) as Y.Map<unknown>);
    });

  /**
   * Refuses an anchor that does not point at text of the transcript now: a thread every page would
   * have to place must be placeable.
   */
  const requirePassage = async (project: Project, transcriptId: string, anchor: StoredAnchor) => {
    const doc = await rooms.read(formatRoomName({ kind: "transcript", projectId: project.id, transcriptId }));
    if (!resolveAnchor(doc, indexTranscript(transcriptContent(doc)), anchor))
      throw badRequest("That passage is not in this transcript.");
  };

  /** Mentions of people who are members (others are dropped), and the inbox lines for them. */
  const membersAmong = (projectId: string, mentions: readonly string[]) =>
    mentions.filter((userId) => projects.roleOf(projectId, userId) !== null);

  /**
   * Writes a new comment by `authorId` (a thread's first or a reply) with `write`, tells the members
   * it mentions, and resolves with the thread as it is then.
   */
  const addComment = async (
    project: Project,
    authorId: string,
    scope: Scope,
    threadId: string,
    body: { body: string; mentions: readonly string[] },
    write: (doc: Y.Doc, comment: CommentInput) => void,
  ): Promise<Thread> => {
    const comment: CommentInput = {
      id: createId(),
      authorId,
      body: body.body,
      // A blind coder's mention would tell someone what they are writing: nobody is told until reveal.
      mentions: scope.private ? [] : membersAmong(project.id, body.mentions),
      at: Date.now(),
    };
    const thread = await changeThread(scope, threadId, (doc) => write(doc, comment));
    await notify(project, scope, threadId, comment.id, authorId, comment.body, comment.mentions);
    return thread;
  };

  const notify = async (
    project: Project,
    scope: Scope,
    threadId: string,
    commentId: string,
    actorId: string,
    body: string,
    mentioned: readonly string[],
  ) => {
    const userIds = mentioned.filter((userId) => userId !== actorId);
    if (userIds.length === 0) return;
    const names = userIds.map((userId) => ({
      userId,
      name: services.users.findById(userId)?.name ?? "someone",
    }));
    notifications.add({
      userIds,
      projectId: project.id,
      transcriptId: scope.transcriptId,
      threadId,
      commentId,
      actorId,
      excerpt: plainText(formatComment(body, names)),
    });
    await liveAccess.signalInboxes(userIds);
  };

  // Every open (or resolved, or all) thread of the project, from every transcript's discussion.
  app.get("/threads", async (c) => {
    const { project } = requireProjectRole(c, services, "observer");
    const state = c.req.query("state") ?? "open";
    if (!["open", "resolved", "all"].includes(state))
      throw badRequest("state must be open, resolved or all.");
    const keep = (t: Thread) => state === "all" || (state === "resolved") === t.resolved;
    const scopes: { transcriptId: string | null; transcriptName: string | null }[] = [
      { transcriptId: null, transcriptName: null },
      ...transcripts.list(project.id).map((t) => ({ transcriptId: t.id, transcriptName: t.name })),
    ];
    const threads = [];
    for (const scope of scopes) {
      const doc = await rooms.read(
        formatRoomName({ kind: "discussion", projectId: project.id, transcriptId: scope.transcriptId }),
      );
      for (const thread of listThreads(doc)) if (keep(thread)) threads.push({ ...scope, thread });
    }
    return c.json({ threads });
  });

  app.post("/:scope/threads", async (c) => {
    const { project, userId, scope } = participant(c);
    const body = await readBody(c, startBody);
    const threadTarget = body.target as ThreadTarget;
    if ((threadTarget.kind === "code") !== (scope.transcriptId === null))
      throw badRequest(
        "Threads on codes belong to the project; threads on passages and codings to a transcript.",
      );
    if (threadTarget.kind === "code") {
      const projectDoc = await rooms.read(formatRoomName({ kind: "project", projectId: project.id }));
      if (!listCodes(projectDoc).some((code) => code.id === threadTarget.codeId))
        throw notFound("There is no such code in this project's codebook.");
    }
    if (threadTarget.kind !== "code" && scope.transcriptId) {
      await requirePassage(project, scope.transcriptId, threadTarget.anchor);
    }
    if (threadTarget.kind === "coding" && scope.transcriptId) {
      // A blind coder's codings are in their layer, where their thread goes too.
      const codingsDoc = await rooms.read(
        scope.private
          ? scope.room
          : formatRoomName({ kind: "transcript", projectId: project.id, transcriptId: scope.transcriptId }),
      );
      if (!transcriptCodings(codingsDoc).has(threadTarget.codingId))
        throw notFound("There is no such coding in this transcript.");
    }
    const threadId = createId();
    const thread = await addComment(project, userId, scope, threadId, body, (doc, comment) =>
      startThread(doc, threadId, threadTarget, comment),
    );
    return c.json({ thread }, 201);
  });

  app.post("/:scope/threads/:threadId/comments", async (c) => {
    const { project, userId, scope } = participant(c);
    const body = await readBody(c, commentBody);
    const threadId = c.req.param("threadId");
    const thread = await addComment(project, userId, scope, threadId, body, (doc, comment) =>
      reply(doc, threadId, comment),
    );
    return c.json({ thread }, 201);
  });

  app.patch("/:scope/threads/:threadId/comments/:commentId", async (c) => {
    const { project, userId, scope } = participant(c);
    const body = await readBody(c, commentBody);
    const threadId = c.req.param("threadId");
    const commentId = c.req.param("commentId");
    const mentions = scope.private ? [] : membersAmong(project.id, body.mentions);
    const { thread, before } = await change(scope, (doc) => {
      const map = discussionThreads(doc).get(threadId);
      const earlier = map
        ? readThread(map).comments.find((comment) => comment.id === commentId)?.mentions
        : [];
      editComment(doc, threadId, commentId, userId, { body: body.body, mentions, at: Date.now() });
      return {
        thread: readThread(discussionThreads(doc).get(threadId) as Y.Map<unknown>),
        before: earlier ?? [],
      };
    });
    // Only people newly mentioned by the edit hear of it.
    const added = mentions.filter((mentioned) => !before.includes(mentioned));
    await notify(project, scope, threadId, commentId, userId, body.body, added);
    return c.json({ thread });
  });

  app.delete("/:scope/threads/:threadId/comments/:commentId", async (c) => {
    const { userId, scope } = participant(c);
    const threadId = c.req.param("threadId");
    const thread = await changeThread(scope, threadId, (doc) => {
      deleteComment(doc, threadId, c.req.param("commentId"), userId, Date.now());
    });
    return c.json({ thread });
  });

  app.put("/:scope/threads/:threadId/resolution", async (c) => {
    const { userId, scope } = participant(c);
    const { resolved } = await readBody(c, resolutionBody);
    const threadId = c.req.param("threadId");
    const thread = await changeThread(scope, threadId, (doc) => {
      setResolved(doc, threadId, userId, resolved, Date.now());
    });
    return c.json({ thread });
  });

  // Anyone marks a thread to be talked over in the next meeting (or takes the mark away).
  app.put("/:scope/threads/:threadId/meeting", async (c) => {
    const { userId, scope } = participant(c);
    const { forMeeting } = await readBody(c, meetingBody);
    const threadId = c.req.param("threadId");
    const thread = await changeThread(scope, threadId, (doc) => {
      markForMeeting(doc, threadId, userId, forMeeting, Date.now());
    });
    return c.json({ thread });
  });

  // Re-attaching a thread is for its author or an owner, onto text that exists.
  app.put("/:scope/threads/:threadId/anchor", async (c) => {
    const { project, userId, scope } = participant(c);
    const body = await readBody(c, anchorBody);
    const threadId = c.req.param("threadId");
    if (scope.transcriptId === null) throw badRequest("Threads on codes have no passage to attach.");
    await requirePassage(project, scope.transcriptId, body.anchor);
    const isOwner = projects.roleOf(project.id, userId) === "owner";
    const thread = await changeThread(scope, threadId, (doc) => {
      const map = discussionThreads(doc).get(threadId);
      if (map && !isOwner && readThread(map).createdBy !== userId)
        throw forbidden("Only the thread's author or an owner re-attaches it.");
      reattachThread(doc, threadId, body.anchor);
    });
    return c.json({ thread });
  });

  return app;
}
