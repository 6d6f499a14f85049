import type { AgendaItem, Outcome } from "@concord/meetings";
import { useCallback, useEffect, useRef, useState } from "react";
import { api } from "../api/api-client";
import type { ShownCodebookChange } from "./MeetingItem";
import type { AgreementAnswer } from "./MeetingOutcome";

/** A decision as the server lists it. */
export interface Decision {
  readonly id: string;
  readonly itemId: string;
  readonly version: number;
  readonly outcome: Outcome;
  readonly rationale: string;
  readonly decidedBy: string;
  readonly decidedAt: number;
  readonly accepted: boolean;
}

/** A meeting as the server sends it, with its decisions, log and codebook changes. */
export interface MeetingAnswer {
  readonly meeting: {
    readonly id: string;
    readonly roundId: string | null;
    readonly title: string;
    readonly agenda: readonly AgendaItem[];
    /** How many passages every coder coded alike went into the shared codings. */
    readonly agreedCount: number;
    readonly facilitatorId: string | null;
    readonly attendeesDecide: boolean;
  };
  readonly decisions: Readonly<Record<string, Decision>>;
  readonly log: readonly Decision[];
  readonly codebookChanges: readonly ShownCodebookChange[];
}

/** A thread's comments, as the meeting shows them. */
export type ThreadComments = readonly { id: string; authorId: string; body: string }[];

/**
 * What a meeting page reads from the server: the meeting (read again every few seconds, so that
 * others' decisions show), agreement before and after, the threads' comments and the round's quotes.
 */
export function useMeetingData(projectId: string, base: string) {
  const [answer, setAnswer] = useState<MeetingAnswer | null>(null);
  const [quotes, setQuotes] = useState<Map<string, string>>(new Map());
  const [problem, setProblem] = useState<string | null>(null);
  const [threads, setThreads] = useState<Map<string, ThreadComments>>(new Map());
  const [agreement, setAgreement] = useState<AgreementAnswer | null>(null);
  // What agreement after was last asked for: decisions and codebook changes move it, nothing else does.
  const agreementAskedFor = useRef<string | null>(null);
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
    // It is worked out from every layer, so it is asked for again only when a decision or a codebook
    // change could have moved it, not every few seconds by every attendee.
    const key = `${read.log.length}:${read.codebookChanges.length}`;
    if (read.meeting.roundId && agreementAskedFor.current !== key) {
      agreementAskedFor.current = key;
      api<AgreementAnswer>("GET", `${base}/agreement?unit=turn`).then(setAgreement, () => {
        agreementAskedFor.current = null;
      });
    }
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

  return { answer, problem, agreement, threads, quotes, load };
}
