import { indexTranscript, type TranscriptIndex } from "@concord/anchoring";
import {
  discussionThreads,
  listThreads,
  type PlacedThread,
  placeThreads,
  type Thread,
  type ThreadTarget,
} from "@concord/discussion";
import {
  type CodeEntry,
  codingOf,
  effectiveCodeId,
  transcriptCodings,
  transcriptContent,
} from "@concord/schema";
import { useEffect, useMemo, useRef, useState } from "react";
import { useSearch } from "wouter";
import type { Awareness } from "y-protocols/awareness";
import type * as Y from "yjs";
import { useObserved, useObservedWhenIdle } from "../workspace/use-observed";
import { Composer, type Person } from "./Composer";
import { loadCommentFormatter } from "./comment-formatter";
import { discussionApi } from "./discussion-api";
import { ThreadCard } from "./ThreadCard";
import { useTyping } from "./use-typing";

/** Which threads the panel lists. */
type Filter = "open" | "resolved" | "mine" | "mentions" | "all";

/** What the panel needs from the transcript view. */
export interface TranscriptView {
  /** The index the text is placed with now. */
  index(): TranscriptIndex | null;
  /** Draws the threads' passages, the active one stronger. */
  mark(placed: readonly PlacedThread[], active: string | null): void;
  /** Scrolls to a passage. */
  reveal(start: number, end: number): void;
}

/**
 * A transcript's discussion beside its text: threads in document order, filters, starting a thread
 * on the selection or on a coding, replies, who is replying, orphans to re-attach.
 */
export function DiscussionPanel(props: {
  projectId: string;
  transcriptId: string;
  userId: string;
  readOnly: boolean;
  members: readonly Person[];
  codes: ReadonlyMap<string, CodeEntry>;
  discussion: Y.Doc | null;
  awareness: Awareness | null;
  transcript: Y.Doc | null;
  view: TranscriptView | null;
  /** The canonical offset of the cursor, to open the threads on the passage there. */
  cursor: number | null;
  /** A thread someone asked to open (from its marker beside the text). */
  requested: { id: string; at: number } | null;
  /** What a new thread would be about, or null when nothing is chosen. */
  pending: { target: ThreadTarget; quote: string } | null;
  onPendingDone: () => void;
  /** The selected passage's anchor, for re-attaching an orphaned thread. */
  selectionAnchor: () => ThreadTarget | null;
}) {
  const { discussion, transcript, view } = props;
  // Fetch the comment formatter once the transcript has been drawn, before a comment needs it.
  useEffect(() => {
    const idle = requestIdleCallback(() => void loadCommentFormatter(), { timeout: 3000 });
    return () => cancelIdleCallback(idle);
  }, []);
  const threads = useObserved(discussion ? discussionThreads(discussion) : null, () =>
    discussion ? listThreads(discussion) : [],
  );
  // Placing needs the text as it is now: recompute when it changes, or when codings move.
  const textVersion = useObserved(transcript ? transcriptContent(transcript) : null, () => ({}));
  // Threads on codings follow their codings; looking again once the browser has time is soon enough.
  const codingsVersion = useObservedWhenIdle(
    transcript ? transcriptCodings(transcript) : null,
    () => ({}),
    null,
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: the versions are the triggers
  const places = useMemo(() => {
    if (!transcript) return { placed: [], orphans: [] };
    const index = view?.index() ?? indexTranscript(transcriptContent(transcript));
    return placeThreads(transcript, index, threads);
  }, [transcript, threads, view, textVersion, codingsVersion]);
  const [filter, setFilter] = useState<Filter>("open");
  const [codeFilter, setCodeFilter] = useState<string>("");
  // A link to a thread (from the inbox, the project's open threads) names it in the address; it
  // opens whenever that changes, with the transcript already open or not.
  const linked = new URLSearchParams(useSearch()).get("thread");
  const [active, setActive] = useState<string | null>(linked);
  const [revealed, setRevealed] = useState<string | null>(null);
  useEffect(() => {
    if (linked) setActive(linked);
  }, [linked]);
  const { typing, setTyping } = useTyping(props.awareness, props.userId);
  const api = useMemo(
    () => discussionApi(props.projectId, props.transcriptId),
    [props.projectId, props.transcriptId],
  );
  const list = useRef<HTMLDivElement>(null);

  const codeOfThread = (thread: Thread): string | null => {
    if (thread.target.kind !== "coding" || !transcript) return null;
    const coding = codingOf(transcript, thread.target.codingId);
    return coding ? effectiveCodeId(props.codes, coding.codeId) : null;
  };
  const keep = (thread: Thread) => {
    if (codeFilter && codeOfThread(thread) !== codeFilter) return false;
    switch (filter) {
      case "open":
        return !thread.resolved;
      case "resolved":
        return thread.resolved;
      case "mine":
        return thread.comments.some((c) => c.authorId === props.userId);
      case "mentions":
        return thread.comments.some((c) => c.mentions.includes(props.userId));
      case "all":
        return true;
    }
  };
  const shown = places.placed.filter((p) => keep(p.thread));
  const orphans = places.orphans.filter(keep);
  // A link to a thread the filter hides (a resolved one, say) shows every thread, so that it is there.
  const [widened, setWidened] = useState<string | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new link, or its thread arriving, decides
  useEffect(() => {
    if (!linked || widened === linked) return;
    const thread = threads.find((t) => t.id === linked);
    if (!thread) return;
    if (!keep(thread)) setFilter("all");
    setWidened(linked);
  }, [linked, threads]);

  // The passages of the listed threads are marked in the text (again only when they change: marking
  // is a transaction of the editor, which re-renders the page).
  const markKey = shown
    .map((p) => `${p.thread.id}:${p.start}-${p.end}:${p.thread.comments.length}`)
    .join(",");
  // biome-ignore lint/correctness/useExhaustiveDependencies: markKey stands for shown
  useEffect(() => {
    view?.mark(shown, active);
  }, [markKey, active, view]);

  // Putting the cursor in a passage under discussion opens its thread.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a moved cursor decides
  useEffect(() => {
    const cursor = props.cursor;
    if (cursor === null) return;
    const here = shown.filter((p) => p.start <= cursor && cursor <= p.end);
    if (here.length > 0 && !here.some((p) => p.thread.id === active)) setActive(here[0]?.thread.id ?? null);
  }, [props.cursor]);

  useEffect(() => {
    if (props.requested) setActive(props.requested.id);
  }, [props.requested]);

  // The active thread's card comes into view in the panel.
  useEffect(() => {
    if (active)
      list.current
        ?.querySelector(`[data-thread="${CSS.escape(active)}"]`)
        ?.scrollIntoView({ block: "nearest" });
  }, [active]);

  // A linked thread's passage comes into view in the text once it can be placed.
  useEffect(() => {
    if (!linked || revealed === linked || !view) return;
    const placed = places.placed.find((p) => p.thread.id === linked);
    if (!placed) return;
    view.reveal(placed.start, placed.end);
    setRevealed(linked);
  }, [linked, revealed, view, places]);

  const select = (placed: PlacedThread) => {
    setActive(placed.thread.id);
    view?.reveal(placed.start, placed.end);
  };
  const subjectOf = (thread: Thread) =>
    thread.target.kind === "code" ? "a code" : thread.target.anchor.quote.exact;
  const card = (thread: Thread, placed: PlacedThread | null) => (
    <ThreadCard
      key={thread.id}
      thread={thread}
      subject={subjectOf(thread)}
      members={props.members}
      userId={props.userId}
      api={api}
      active={active === thread.id}
      orphan={placed === null}
      typing={typing.get(thread.id) ?? []}
      onTyping={(now) => setTyping(now ? thread.id : null)}
      onSelect={() => (placed ? select(placed) : setActive(thread.id))}
      onReattach={() => {
        const target = props.selectionAnchor();
        if (target && target.kind !== "code") void api.reattach(thread.id, target.anchor);
      }}
      readOnly={props.readOnly}
    />
  );

  return (
    <section className="discussion" aria-label="Comments">
      <div className="discussion-head">
        <h3>Comments</h3>
        <select
          aria-label="Show threads"
          value={filter}
          onChange={(e) => setFilter(e.target.value as Filter)}
        >
          <option value="open">Open</option>
          <option value="resolved">Resolved</option>
          <option value="mine">Mine</option>
          <option value="mentions">Mentioning me</option>
          <option value="all">All</option>
        </select>
        <select
          aria-label="Threads on codings of"
          value={codeFilter}
          onChange={(e) => setCodeFilter(e.target.value)}
        >
          <option value="">any code</option>
          {[...props.codes.values()]
            .filter((c) => !c.archived && c.mergedInto === null)
            .map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
        </select>
      </div>
      {props.pending && !props.readOnly && (
        <div className="new-thread">
          <p className="hint">
            New thread on <q>{props.pending.quote}</q>
          </p>
          <Composer
            label="New comment"
            focusOnOpen
            draftKey={`new:${props.transcriptId}`}
            members={props.members}
            submitLabel="Comment"
            onTyping={(now) => setTyping(now ? "new" : null)}
            onCancel={props.onPendingDone}
            onSubmit={async (body, mentions) => {
              if (!props.pending) return;
              const { thread } = await api.start(props.pending.target, body, mentions);
              setActive(thread.id);
              props.onPendingDone();
            }}
          />
        </div>
      )}
      {(typing.get("new")?.length ?? 0) > 0 && (
        <p className="typing">{typing.get("new")?.join(", ")} started a new thread…</p>
      )}
      <div className="thread-list" ref={list}>
        {shown.length === 0 && orphans.length === 0 && (
          <p className="hint">
            {threads.length === 0
              ? "No comments yet. Select a passage and choose Comment, or comment on a coding from Here."
              : "No threads match."}
          </p>
        )}
        {shown.map((placed) => card(placed.thread, placed))}
        {orphans.length > 0 && (
          <>
            <h4>Threads whose text was deleted</h4>
            {orphans.map((thread) => card(thread, null))}
          </>
        )}
      </div>
    </section>
  );
}
