import type { Thread } from "@concord/discussion";
import { useState } from "react";
import { FormError } from "../components/FormError";
import { sinceWhen } from "../components/since-when";
import { useAction } from "../components/use-action";
import { CommentBody } from "./CommentBody";
import { Composer, type Person } from "./Composer";
import type { discussionApi } from "./discussion-api";

/** One thread: what it is about, its comments, and what one can do with it. */
export function ThreadCard(props: {
  thread: Thread;
  /** What the thread is about, in words: the quoted passage or the code's name. */
  subject: string;
  members: readonly Person[];
  userId: string;
  api: ReturnType<typeof discussionApi>;
  active: boolean;
  orphan?: boolean;
  /** Names of the others replying in this thread now. */
  typing: readonly string[];
  onTyping: (typing: boolean) => void;
  onSelect?: () => void;
  onReattach?: () => void;
  readOnly: boolean;
}) {
  const { thread, api } = props;
  const [editing, setEditing] = useState<string | null>(null);
  const nameOf = (id: string) => props.members.find((m) => m.userId === id)?.name ?? "a former member";
  const resolve = useAction(async () => {
    await api.resolve(thread.id, !thread.resolved);
  });
  const mark = useAction(async () => {
    await api.markForMeeting(thread.id, thread.forMeeting === null);
  });
  const remove = useAction(async (commentId: string) => {
    await api.remove(thread.id, commentId);
  });
  return (
    <article
      className={`thread${props.active ? " active" : ""}${thread.resolved ? " resolved" : ""}`}
      aria-label={`Thread on ${props.subject}`}
      data-thread={thread.id}
      data-resolved={thread.resolved}
    >
      <header>
        <button type="button" className="thread-subject" onClick={props.onSelect} title="Show the passage">
          {props.orphan ? <span className="orphan-tag">text deleted</span> : null}
          <q>{props.subject}</q>
        </button>
        {!props.readOnly && (
          <button
            type="button"
            className="link-button"
            onClick={() => void resolve.run()}
            disabled={resolve.busy}
          >
            {thread.resolved ? "Reopen" : "Resolve"}
          </button>
        )}
        {!props.readOnly && !thread.resolved && (
          <button
            type="button"
            className="link-button"
            aria-pressed={thread.forMeeting !== null}
            onClick={() => void mark.run()}
            disabled={mark.busy}
          >
            {thread.forMeeting ? "Marked for the meeting" : "For the meeting"}
          </button>
        )}
      </header>
      {thread.resolved && thread.resolution && (
        <p className="hint">
          Resolved by {thread.resolution.by === props.userId ? "you" : nameOf(thread.resolution.by)},{" "}
          {sinceWhen(thread.resolution.at)}
        </p>
      )}
      <ol className="comments">
        {thread.comments.map((comment) => (
          <li key={comment.id} data-comment={comment.id} className={comment.deleted ? "deleted" : undefined}>
            <div className="comment-meta">
              <strong>{comment.authorId === props.userId ? "You" : nameOf(comment.authorId)}</strong>{" "}
              <span className="hint">
                {sinceWhen(comment.createdAt)}
                {comment.editedAt !== null && !comment.deleted ? " · edited" : ""}
              </span>
              {comment.authorId === props.userId &&
                !comment.deleted &&
                !props.readOnly &&
                editing !== comment.id && (
                  <span className="comment-actions">
                    <button type="button" className="link-button" onClick={() => setEditing(comment.id)}>
                      Edit
                    </button>
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => {
                        if (window.confirm("Delete this comment? Replies stay.")) void remove.run(comment.id);
                      }}
                    >
                      Delete
                    </button>
                  </span>
                )}
            </div>
            {comment.deleted ? (
              <p className="hint">This comment was deleted.</p>
            ) : editing === comment.id ? (
              <Composer
                label="Edit your comment"
                draftKey={`edit:${comment.id}`}
                members={props.members}
                submitLabel="Save"
                initial={comment.body}
                onCancel={() => setEditing(null)}
                onSubmit={async (body, mentions) => {
                  await api.edit(thread.id, comment.id, body, mentions);
                  setEditing(null);
                }}
              />
            ) : (
              <CommentBody
                body={comment.body}
                mentions={comment.mentions.map((userId) => ({ userId, name: nameOf(userId) }))}
              />
            )}
          </li>
        ))}
      </ol>
      <FormError message={resolve.error ?? mark.error ?? remove.error} />
      {props.orphan && props.onReattach && !props.readOnly && (
        <button type="button" className="secondary" onClick={props.onReattach}>
          Attach to the selected text
        </button>
      )}
      {props.typing.length > 0 && (
        <p className="typing" aria-live="polite">
          {props.typing.join(", ")} {props.typing.length === 1 ? "is" : "are"} replying…
        </p>
      )}
      {props.active && !props.readOnly && (
        <Composer
          label="Reply"
          draftKey={`reply:${thread.id}`}
          members={props.members}
          submitLabel="Reply"
          onTyping={props.onTyping}
          onSubmit={async (body, mentions) => {
            await api.reply(thread.id, body, mentions);
          }}
        />
      )}
    </article>
  );
}
