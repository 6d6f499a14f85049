import { useCallback, useEffect, useState } from "react";
import { Link } from "wouter";
import { api } from "../api/api-client";
import { sinceWhen } from "../components/since-when";
import { useObserved } from "../workspace/use-observed";
import { useRoom } from "../workspace/use-room";

interface Notification {
  readonly id: string;
  /** A mention in a comment, or one of this person's codings removed by someone else. */
  readonly kind: "mention" | "coding-removed";
  readonly projectId: string;
  readonly projectName: string;
  readonly transcriptId: string | null;
  readonly threadId: string;
  readonly actorName: string | null;
  readonly excerpt: string;
  readonly createdAt: number;
  readonly readAt: number | null;
}

/** Where a mention's thread is shown (or the transcript a removed coding was in). */
function addressOf(n: Notification): string {
  if (n.kind === "coding-removed") return `/projects/${n.projectId}/transcripts/${n.transcriptId}`;
  // A thread on a code lives in the code's details on the project page, which opens them.
  return n.transcriptId
    ? `/projects/${n.projectId}/transcripts/${n.transcriptId}?thread=${n.threadId}`
    : `/projects/${n.projectId}?thread=${n.threadId}`;
}

/**
 * The inbox in the header: how many mentions are unread, and the list. The person's inbox room
 * tells the page the moment something arrives; the list itself comes from the API.
 */
export function InboxButton({ userId }: { userId: string }) {
  const room = useRoom(`inbox.${userId}`);
  const doc = room.connection?.doc ?? null;
  const changedAt = useObserved(doc ? doc.getMap("inbox") : null, () =>
    doc?.getMap("inbox").get("changedAt"),
  );
  const [inbox, setInbox] = useState<{ notifications: Notification[]; unread: number }>({
    notifications: [],
    unread: 0,
  });
  const [open, setOpen] = useState(false);
  const load = useCallback(async () => {
    setInbox(await api<{ notifications: Notification[]; unread: number }>("GET", "/inbox"));
  }, []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: changedAt is the trigger
  useEffect(() => {
    void load().catch(() => {});
  }, [load, changedAt]);
  const markRead = async (body: { all: true } | { ids: string[] }) => {
    await api("POST", "/inbox/read", body);
    await load();
  };
  return (
    <div className="inbox">
      <button
        type="button"
        className="link-button"
        aria-expanded={open}
        aria-label={`Inbox, ${inbox.unread} unread`}
        onClick={() => setOpen(!open)}
      >
        Inbox{" "}
        {inbox.unread > 0 && (
          <span className="badge" data-unread={inbox.unread}>
            {inbox.unread}
          </span>
        )}
      </button>
      {open && (
        <div className="inbox-panel" role="dialog" aria-label="Inbox">
          <div className="inbox-head">
            <strong>Mentions and changes to your codings</strong>
            {inbox.unread > 0 && (
              <button type="button" className="link-button" onClick={() => void markRead({ all: true })}>
                Mark all read
              </button>
            )}
          </div>
          {inbox.notifications.length === 0 && <p className="hint">Nobody has mentioned you yet.</p>}
          <ul>
            {inbox.notifications.map((n) => (
              <li key={n.id} className={n.readAt === null ? "inbox-item unread" : "inbox-item"}>
                <Link
                  href={addressOf(n)}
                  onClick={() => {
                    setOpen(false);
                    if (n.readAt === null) void markRead({ ids: [n.id] });
                  }}
                >
                  <strong>{n.actorName ?? "A former member"}</strong>
                  {n.kind === "coding-removed" ? " removed your coding" : ""} in {n.projectName}
                </Link>
                <p>{n.kind === "coding-removed" ? `“${n.excerpt}”` : n.excerpt}</p>
                <span className="hint">{sinceWhen(n.createdAt)}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
