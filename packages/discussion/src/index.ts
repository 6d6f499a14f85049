export { type FormattedNode, formatComment, type Mentionable, plainText, safeHref } from "./comment-format";
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
  type Resolution,
  readThread,
  reattachThread,
  reply,
  setResolved,
  startThread,
  type Thread,
  type ThreadTarget,
} from "./threads";
