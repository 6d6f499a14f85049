/** Why a discussion operation was refused. */
export type DiscussionErrorCode =
  | "no-such-thread"
  | "no-such-comment"
  | "not-the-author"
  | "comment-deleted"
  | "empty"
  | "too-long"
  | "too-many-mentions";

/** The one error type of the discussion layer; its message is written for people. */
export class DiscussionError extends Error {
  constructor(
    readonly code: DiscussionErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "DiscussionError";
  }
}
