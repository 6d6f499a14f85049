import type { Thread, ThreadTarget } from "@concord/discussion";
import type { StoredAnchor } from "@concord/schema";
import { api } from "../api/api-client";

/** Where a discussion lives: a transcript's id, or "project" for threads on codes. */
export type DiscussionScope = string;

/** The API calls of a discussion; the server writes, and the room brings the change to everyone. */
export function discussionApi(projectId: string, scope: DiscussionScope) {
  const base = `/projects/${projectId}/discussions/${scope}/threads`;
  type Answer = Promise<{ thread: Thread }>;
  return {
    start: (target: ThreadTarget, body: string, mentions: readonly string[]): Answer =>
      api("POST", base, { target, body, mentions }),
    reply: (threadId: string, body: string, mentions: readonly string[]): Answer =>
      api("POST", `${base}/${threadId}/comments`, { body, mentions }),
    edit: (threadId: string, commentId: string, body: string, mentions: readonly string[]): Answer =>
      api("PATCH", `${base}/${threadId}/comments/${commentId}`, { body, mentions }),
    remove: (threadId: string, commentId: string): Answer =>
      api("DELETE", `${base}/${threadId}/comments/${commentId}`),
    resolve: (threadId: string, resolved: boolean): Answer =>
      api("PUT", `${base}/${threadId}/resolution`, { resolved }),
    markForMeeting: (threadId: string, forMeeting: boolean): Answer =>
      api("PUT", `${base}/${threadId}/meeting`, { forMeeting }),
    reattach: (threadId: string, anchor: StoredAnchor): Answer =>
      api("PUT", `${base}/${threadId}/anchor`, { anchor }),
  };
}

/** The members a comment mentions: those whose `@Name` appears in it. */
export function mentionsIn(body: string, members: readonly { userId: string; name: string }[]): string[] {
  return members.filter((m) => body.includes(`@${m.name}`)).map((m) => m.userId);
}
