import type { AgendaItem, Outcome } from "@concord/meetings";
import { listCodes, projectCodes } from "@concord/schema";
import { useEffect, useMemo, useState } from "react";
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
import { MeetingAgenda } from "./MeetingAgenda";
import { MeetingItem } from "./MeetingItem";
import { MeetingOutcome } from "./MeetingOutcome";
import { MeetingThread } from "./MeetingThread";
import { useMeetingData } from "./use-meeting-data";
import { useTranscriptText } from "./use-transcript-text";

/**
 * A consensus meeting: the agenda, the item the facilitator is on (everyone follows it, and can step
 * away and come back), each coder's version of it, the code's definition, the rationale everyone
 * types together, and the decision, written into the shared codings by the server.
 */
export function MeetingPage({ projectId, meetingId }: { projectId: string; meetingId: string }) {
  const { user } = useSession();
  const base = `/projects/${projectId}/meetings/${meetingId}`;
  const { answer, problem, agreement, threads, quotes, load } = useMeetingData(projectId, base);
  const { members, transcripts } = useProjectDirectory(projectId);
  const [note, setNote] = useState<string | null>(null);
  const [following, setFollowing] = useState(true);
  const [ownItem, setOwnItem] = useState<string | null>(null);

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
  // A note about the last item's decision does not follow the meeting to the next.
  // biome-ignore lint/correctness/useExhaustiveDependencies: cleared whenever the item shown changes.
  useEffect(() => setNote(null), [currentId]);
  const reading = useTranscriptText(
    projectId,
    current?.kind === "disagreement" ? current.transcriptId : null,
  );
  // An agenda entry reads as the words it is about: the first coder's quote, or the thread's first comment.
  const quoteOf = (item: AgendaItem): string | null => {
    if (item.kind === "thread") return threads.get(item.threadId)?.[0]?.body ?? null;
    const first = Object.values(item.versions).flat()[0];
    return first ? (quotes.get(first.id) ?? null) : null;
  };

  const nextItem = agenda[agenda.findIndex((item) => item.id === currentId) + 1];
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
        <a href={`/api${base}/minutes?format=md`} download={minutesFileName(answer.meeting.title)}>
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
      {answer.meeting.roundId && (
        <MeetingOutcome agreed={answer.meeting.agreedCount} agreement={agreement} nameOf={nameOf} />
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
        <MeetingAgenda
          agenda={agenda}
          currentId={currentId}
          facilitatorItem={facilitatorItem}
          decided={decided}
          codeName={codeName}
          transcriptName={(id) => transcripts.find((t) => t.id === id)?.name ?? ""}
          quoteOf={quoteOf}
          onGo={goTo}
        />
        {current?.kind === "disagreement" && (
          <MeetingItem
            key={current.id}
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
            reading={reading}
            changes={answer.codebookChanges.filter((c) => c.cause?.itemId === current.id)}
            onCodebookChange={changeCodebook}
            note={note}
            nameOf={nameOf}
            codeName={codeName}
            related={agenda
              .filter(
                (other) =>
                  other.kind === "disagreement" &&
                  other.id !== current.id &&
                  other.transcriptId === current.transcriptId &&
                  other.start < current.end &&
                  other.end > current.start,
              )
              .map((other) => ({
                id: other.id,
                label: other.codeId ? codeName(other.codeId) : "",
                decided: decided.has(other.id),
              }))}
            onGo={goTo}
          />
        )}
        {current?.kind === "thread" && (
          <MeetingThread
            itemId={current.id}
            comments={threads.get(current.threadId) ?? []}
            rationale={(rationales.get(current.id) as Y.Text | undefined) ?? null}
            readOnly={role === "observer"}
            decision={decision}
            canDecide={canDecide}
            onResolve={() => void decide({ kind: "none" })}
            nameOf={nameOf}
          />
        )}
        {!current && <p className="hint">Nothing on the agenda: the coders agreed everywhere.</p>}
        {/* Once an item is decided, the next is a step from the decision, not from the agenda above. */}
        {current && decided.has(current.id) && nextItem && (
          <p className="after-decision">
            <button type="button" className="secondary" onClick={() => goTo(nextItem.id)}>
              Next item →
            </button>
          </p>
        )}
      </div>
    </main>
  );
}

/** The minutes' file name: the meeting's title, as a file may be named. */
function minutesFileName(title: string): string {
  const name = title
    .replace(/[^\p{L}\p{N} _-]+/gu, "")
    .trim()
    .replace(/\s+/g, " ");
  return `${name || "Meeting"} minutes.md`;
}
