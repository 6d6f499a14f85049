import type { AgendaItem, Outcome } from "@concord/meetings";
import { listCodes, projectCodes } from "@concord/schema";
import { useCallback, useEffect, useMemo, useState } from "react";
import { Link } from "wouter";
import * as Y from "yjs";
import { api } from "../api/api-client";
import { projectPeople } from "../collab/person-colours";
import { useProjectDirectory } from "../pages/use-project-directory";
import { useSession } from "../session";
import { PresenceBar, usePresence } from "../workspace/PresenceBar";
import { useObserved } from "../workspace/use-observed";
import { useRoom } from "../workspace/use-room";
import type { CodebookChange } from "./CodebookChangeForm";
import { FacilitationControls } from "./FacilitationControls";
import { MeetingItem, type ShownCodebookChange } from "./MeetingItem";
import { SharedTextArea } from "./SharedTextArea";
import { useTranscriptText } from "./use-transcript-text";

interface Decision {
  readonly id: string;
  readonly itemId: string;
  readonly version: number;
  readonly outcome: Outcome;
  readonly rationale: string;
  readonly decidedBy: string;
  readonly decidedAt: number;
  readonly accepted: boolean;
}

interface AgreementAnswer {
  readonly before: { readonly krippendorffAlpha: number | null };
  readonly after: readonly { readonly coderId: string; readonly krippendorffAlpha: number | null }[];
}

const alpha = (value: number | null) => (value === null ? "–" : value.toFixed(3));

interface MeetingAnswer {
  readonly meeting: {
    readonly id: string;
    readonly roundId: string | null;
    readonly title: string;
    readonly agenda: readonly AgendaItem[];
    readonly facilitatorId: string | null;
    readonly attendeesDecide: boolean;
  };
  readonly decisions: Readonly<Record<string, Decision>>;
  readonly log: readonly Decision[];
  readonly codebookChanges: readonly ShownCodebookChange[];
}

/**
 * A consensus meeting: the agenda, the item the facilitator is on (everyone follows it, and can step
 * away and come back), each coder's version of it, the code's definition, the rationale everyone
 * types together, and the decision, written into the shared codings by the server.
 */
export function MeetingPage({ projectId, meetingId }: { projectId: string; meetingId: string }) {
  const { user } = useSession();
  const [answer, setAnswer] = useState<MeetingAnswer | null>(null);
  const [quotes, setQuotes] = useState<Map<string, string>>(new Map());
  const [problem, setProblem] = useState<string | null>(null);
  const { members, transcripts } = useProjectDirectory(projectId);
  const [threads, setThreads] = useState<
    Map<string, readonly { id: string; authorId: string; body: string }[]>
  >(new Map());
  const [note, setNote] = useState<string | null>(null);
  const [following, setFollowing] = useState(true);
  const [ownItem, setOwnItem] = useState<string | null>(null);
  const base = `/projects/${projectId}/meetings/${meetingId}`;
  const [agreement, setAgreement] = useState<AgreementAnswer | null>(null);
  const load = useCallback(async () => {
    let read: MeetingAnswer;
    try {
      read = await api<MeetingAnswer>("GET", base);
      setAnswer(read);
    } catch (error) {
      setProblem((error as Error).message);
      return;
    }
    // Agreement before and after compares a round's layers; a meeting on shared codings has none.
    if (read.meeting.roundId)
      api<AgreementAnswer>("GET", `${base}/agreement?unit=turn`).then(setAgreement, () => {});
  }, [base]);
  useEffect(() => {
    void load();
    // Decisions made by others show within moments.
    const timer = setInterval(() => void load(), 3000);
    return () => clearInterval(timer);
  }, [load]);
  const roundId = answer?.meeting.roundId ?? null;
  useEffect(() => {
    api<{
      threads: { thread: { id: string; comments: { id: string; authorId: string; body: string }[] } }[];
    }>("GET", `/projects/${projectId}/discussions/threads?state=all`).then(
      (r) => setThreads(new Map(r.threads.map(({ thread }) => [thread.id, thread.comments]))),
      () => {},
    );
  }, [projectId]);
  useEffect(() => {
    if (!roundId) return;
    api<{ layers: { codings: { id: string; quote: string }[] }[] }>(
      "GET",
      `/projects/${projectId}/rounds/${roundId}/layers`,
    ).then(
      (r) => setQuotes(new Map(r.layers.flatMap((l) => l.codings.map((c) => [c.id, c.quote])))),
      () => {},
    );
  }, [projectId, roundId]);

  const room = useRoom(`meeting.${projectId}.${meetingId}`);
  const projectRoom = useRoom(`project.${projectId}`);
  const doc = room.connection?.doc ?? null;
  const awareness = room.connection?.provider.awareness ?? null;
  const present = usePresence(awareness);
  useEffect(() => {
    if (user && awareness)
      awareness.setLocalStateField("user", {
        id: user.id,
        name: user.name,
        color: projectPeople.of(user.id),
      });
  }, [user, awareness]);
  const place = useObserved(
    doc ? doc.getMap("place") : null,
    () => (doc?.getMap("place").get("item") as string) ?? null,
  );
  const projectDoc = projectRoom.connection?.doc ?? null;
  const codes = useObserved(projectDoc ? projectCodes(projectDoc) : null, () =>
    projectDoc ? listCodes(projectDoc) : [],
  );
  const rationales = useObserved(
    doc ? doc.getMap("rationale") : null,
    () => new Map(doc?.getMap("rationale").entries() ?? []),
  );

  const agenda = answer?.meeting.agenda ?? [];
  const facilitates = answer?.meeting.facilitatorId === user?.id;
  const facilitatorItem = place ?? agenda[0]?.id ?? null;
  const currentId = following || facilitates ? facilitatorItem : ownItem;
  const current = agenda.find((item) => item.id === currentId) ?? null;
  const role = members.find((m) => m.userId === user?.id)?.role;
  const canDecide =
    facilitates || (answer?.meeting.attendeesDecide === true && role !== "observer" && role !== undefined);
  const nameOf = (id: string) => members.find((m) => m.userId === id)?.name ?? "a former member";
  const codeName = (id: string) => codes.find((c) => c.id === id)?.name ?? "a deleted code";
  const decided = useMemo(() => new Set(Object.keys(answer?.decisions ?? {})), [answer]);
  const text = useTranscriptText(projectId, current?.kind === "disagreement" ? current.transcriptId : null);

  const goTo = (itemId: string) => {
    if (facilitates && doc) {
      doc.transact(() => {
        // The facilitator opens each item's rationale, so that nobody's first keystroke races another's.
        if (!doc.getMap("rationale").has(itemId)) doc.getMap("rationale").set(itemId, new Y.Text());
        doc.getMap("place").set("item", itemId);
        doc.getMap("place").set("at", Date.now());
      });
    } else {
      setFollowing(false);
      setOwnItem(itemId);
    }
  };

  /** A change to the meeting's facilitation: done, or said why not; then the meeting read again. */
  const settle = async (request: Promise<unknown>) => {
    setNote(null);
    try {
      await request;
    } catch (error) {
      setNote((error as Error).message);
    }
    await load();
  };

  const decide = async (outcome: Outcome) => {
    if (!current) return;
    setNote(null);
    const rationale = (rationales.get(current.id) as Y.Text | undefined)?.toString() ?? "";
    try {
      await api("POST", `${base}/items/${encodeURIComponent(current.id)}/decisions`, {
        basedOn: answer?.decisions[current.id]?.version ?? 0,
        outcome,
        rationale,
      });
      setNote("Decided: the agreed codings are in the transcript's shared codings.");
    } catch (error) {
      setNote((error as Error).message);
    }
    await load();
  };

  const changeCodebook = async (change: CodebookChange): Promise<boolean> => {
    if (!current) return false;
    setNote(null);
    try {
      await api("POST", `${base}/items/${encodeURIComponent(current.id)}/codebook`, { change });
      setNote("The codebook is changed, and the change is in the code's history and the minutes.");
      await load();
      return true;
    } catch (error) {
      setNote((error as Error).message);
      return false;
    }
  };

  if (problem) {
    return (
      <main className="page">
        <p role="alert">{problem}</p>
        <Link href={`/projects/${projectId}`}>Back to the project</Link>
      </main>
    );
  }
  if (!answer || !user) return <main className="page">Opening the meeting…</main>;
  const decision = current ? answer.decisions[current.id] : undefined;
  const code = current?.codeId ? codes.find((c) => c.id === current.codeId) : undefined;
  return (
    <main className="page wide meeting-page">
      <div className="workspace-bar">
        <Link href={`/projects/${projectId}`}>← Back to the project</Link>
        <h2>{answer.meeting.title}</h2>
        <PresenceBar present={present} selfId={user.id} following={null} onFollow={() => {}} />
      </div>
      <p>
        Facilitated by {answer.meeting.facilitatorId ? nameOf(answer.meeting.facilitatorId) : "nobody"} ·{" "}
        {decided.size} of {agenda.length} items decided ·{" "}
        <a href={`/api${base}/minutes?format=md`} download>
          Minutes (Markdown)
        </a>{" "}
        ·{" "}
        <a href={`/api${base}/minutes?format=html`} target="_blank" rel="noreferrer">
          Printable minutes
        </a>
      </p>
      <FacilitationControls
        selfId={user.id}
        facilitates={facilitates}
        isOwner={role === "owner"}
        facilitatorPresent={present.some((p) => p.userId === answer.meeting.facilitatorId)}
        attendeesDecide={answer.meeting.attendeesDecide}
        candidates={members.filter((m) => m.role !== "observer" && m.userId !== answer.meeting.facilitatorId)}
        onHandOver={(userId) => void settle(api("POST", `${base}/facilitator`, { userId }))}
        onAttendeesDecide={(allowed) => void settle(api("PATCH", base, { attendeesDecide: allowed }))}
      />
      {agreement && (
        <p className="hint" data-agreement>
          Krippendorff's alpha at the turn unit: {alpha(agreement.before.krippendorffAlpha)} among the coders
          before the meeting; each coder with what has been decided:{" "}
          {agreement.after.map((a) => `${nameOf(a.coderId)} ${alpha(a.krippendorffAlpha)}`).join(", ")}.
        </p>
      )}
      {!facilitates && !following && (
        <p className="notice" role="status">
          You stepped away from the facilitator's item.{" "}
          <button type="button" className="link-button" onClick={() => setFollowing(true)}>
            Back to the facilitator
          </button>
        </p>
      )}
      <div className="meeting-columns">
        <nav aria-label="Agenda">
          <h3>Agenda</h3>
          <progress max={agenda.length} value={decided.size} aria-label="Items decided" />
          <ol className="agenda">
            {agenda.map((item) => (
              <li key={item.id} data-item={item.id} className={item.id === currentId ? "current" : undefined}>
                <button
                  type="button"
                  className="link-button"
                  aria-current={item.id === currentId}
                  onClick={() => goTo(item.id)}
                >
                  {item.kind === "disagreement" ? codeName(item.codeId) : "Thread"} ·{" "}
                  {transcripts.find((t) => t.id === item.transcriptId)?.name ?? ""}
                  {item.start !== null && ` · ${item.start}–${item.end}`}
                </button>{" "}
                {decided.has(item.id) && <span className="decided-mark">decided</span>}
                {item.id === facilitatorItem && <span className="hint"> (facilitator)</span>}
              </li>
            ))}
          </ol>
        </nav>
        {current?.kind === "disagreement" && (
          <MeetingItem
            item={current}
            decision={decision}
            code={code}
            transcriptName={transcripts.find((t) => t.id === current.transcriptId)?.name ?? "a transcript"}
            quotes={quotes}
            rationale={(rationales.get(current.id) as Y.Text | undefined) ?? null}
            readOnly={role === "observer"}
            canDecide={canDecide}
            onDecide={(outcome) => void decide(outcome)}
            codes={codes}
            text={text}
            changes={answer.codebookChanges.filter((c) => c.cause?.itemId === current.id)}
            onCodebookChange={changeCodebook}
            note={note}
            nameOf={nameOf}
            codeName={codeName}
          />
        )}
        {current?.kind === "thread" && (
          <section aria-labelledby="item-heading" className="meeting-item">
            <h3 id="item-heading">A thread marked for the meeting</h3>
            <ol className="thread-comments">
              {(threads.get(current.threadId) ?? []).map((comment) => (
                <li key={comment.id}>
                  <strong>{nameOf(comment.authorId)}</strong>: {comment.body}
                </li>
              ))}
            </ol>
            <h4>Rationale</h4>
            <SharedTextArea
              key={current.id}
              text={(rationales.get(current.id) as Y.Text | undefined) ?? null}
              readOnly={role === "observer"}
              label="Rationale for this thread"
              maxLength={20_000}
            />
            {decision && (
              <p className="decision" role="status" data-decision>
                Decided (version {decision.version}) by {nameOf(decision.decidedBy)}: the thread is resolved.
              </p>
            )}
            {canDecide && !decision && (
              <button type="button" onClick={() => void decide({ kind: "none" })}>
                Decide: resolve the thread
              </button>
            )}
          </section>
        )}
        {!current && <p className="hint">Nothing on the agenda: the coders agreed everywhere.</p>}
      </div>
    </main>
  );
}
