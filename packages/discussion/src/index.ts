// The formatter (markdown-it, a large part of a page's code) is its own entry point,
// `@concord/discussion/comment-format`, so a page can load it when it first shows a comment.
export type { FormattedNode, Mentionable } from "./comment-format";
export { DiscussionError, type DiscussionErrorCode } from "./discussion-error";
export { type PlacedThread, placeThreads } from "./thread-places";
export {
  type Comment,
  type CommentInput,
  deleteComment,
  discussionThreads,
  editComment,
  listThreads,
  MAX_COMMENT_LENGTH,
  MAX_MENTIONS,
  markForMeeting,
  type Resolution,
  readThread,
  reattachThread,
  reply,
  setResolved,
  startThread,
  type Thread,
  type ThreadTarget,
} from "./threads";
