import type { SqliteDatabase } from "../db/database";
import { writeTransaction } from "../db/database";
import { createId } from "../db/secrets";

/**
 * One line of someone's inbox: they were mentioned in a comment (`mention`), or someone else
 * removed one of their codings (`coding-removed`: `threadId` is then the coding's id, `excerpt`
 * its passage, `actor` who removed it).
 */
export interface Notification {
  readonly id: string;
  readonly kind: "mention" | "coding-removed";
  readonly projectId: string;
  readonly projectName: string;
  /** The transcript whose discussion holds the thread, or null for the project's (threads on codes). */
  readonly transcriptId: string | null;
  readonly threadId: string;
  readonly commentId: string;
  readonly actorId: string | null;
  readonly actorName: string | null;
  /** The comment's words, shortened, without formatting. */
  readonly excerpt: string;
  readonly createdAt: number;
  readonly readAt: number | null;
}

interface NotificationRow {
  id: string;
  kind: "mention" | "coding-removed";
  project_id: string;
  project_name: string;
  transcript_id: string | null;
  thread_id: string;
  comment_id: string;
  actor_id: string | null;
  actor_name: string | null;
  excerpt: string;
  created_at: number;
  read_at: number | null;
}

/** Inboxes: mentions per person, with what each has read. Only projects they still belong to show. */
export interface NotificationStore {
  /** Records that `userIds` were mentioned in a comment. */
  add(input: {
    userIds: readonly string[];
    projectId: string;
    transcriptId: string | null;
    threadId: string;
    commentId: string;
    actorId: string;
    excerpt: string;
  }): void;
  /** The newest `limit` lines of a person's inbox, and how many are unread in all. */
  list(userId: string, limit?: number): { notifications: Notification[]; unread: number };
  /** How many lines of a person's inbox are unread. */
  unreadCount(userId: string): number;
  /** Marks lines (or, with null, everything) as read for that person; returns how many changed. */
  markRead(userId: string, ids: readonly string[] | null): number;
}

const EXCERPT_LENGTH = 200;

/** The {@link NotificationStore} over `db`. */
export function createNotificationStore(db: SqliteDatabase, now: () => number = Date.now): NotificationStore {
  const insert = db.prepare(
    `INSERT INTO notifications (id, user_id, project_id, transcript_id, thread_id, comment_id, actor_id, excerpt, created_at)
     VALUES (@id, @user_id, @project_id, @transcript_id, @thread_id, @comment_id, @actor_id, @excerpt, @created_at)`,
  );
  const visible = `FROM notifications n
    JOIN memberships m ON m.project_id = n.project_id AND m.user_id = n.user_id
    JOIN projects p ON p.id = n.project_id
    LEFT JOIN users a ON a.id = n.actor_id
    WHERE n.user_id = ?`;
  const select = db.prepare<[string, number], NotificationRow>(
    `SELECT n.*, p.name AS project_name, a.name AS actor_name ${visible} ORDER BY n.created_at DESC, n.id LIMIT ?`,
  );
  const unread = db.prepare<[string], { count: number }>(
    `SELECT count(*) AS count ${visible} AND n.read_at IS NULL`,
  );
  const readOne = db.prepare(
    "UPDATE notifications SET read_at = ? WHERE user_id = ? AND id = ? AND read_at IS NULL",
  );
  const readAll = db.prepare("UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL");
  return {
    add: writeTransaction(db, (input: Parameters<NotificationStore["add"]>[0]) => {
      const excerpt =
        input.excerpt.length > EXCERPT_LENGTH
          ? `${input.excerpt.slice(0, EXCERPT_LENGTH - 1)}…`
          : input.excerpt;
      for (const userId of new Set(input.userIds)) {
        insert.run({
          id: createId(),
          user_id: userId,
          project_id: input.projectId,
          transcript_id: input.transcriptId,
          thread_id: input.threadId,
          comment_id: input.commentId,
          actor_id: input.actorId,
          excerpt,
          created_at: now(),
        });
      }
    }),
    list(userId, limit = 50) {
      return {
        notifications: select.all(userId, limit).map((row) => ({
          id: row.id,
          kind: row.kind,
          projectId: row.project_id,
          projectName: row.project_name,
          transcriptId: row.transcript_id,
          threadId: row.thread_id,
          commentId: row.comment_id,
          actorId: row.actor_id,
          actorName: row.actor_name,
          excerpt: row.excerpt,
          createdAt: row.created_at,
          readAt: row.read_at,
        })),
        unread: unread.get(userId)?.count ?? 0,
      };
    },
    unreadCount: (userId) => unread.get(userId)?.count ?? 0,
    markRead: writeTransaction(db, (userId: string, ids: readonly string[] | null) => {
      const at = now();
      if (ids === null) return readAll.run(at, userId).changes;
      let changed = 0;
      for (const id of ids) changed += readOne.run(at, userId, id).changes;
      return changed;
    }),
  };
}
