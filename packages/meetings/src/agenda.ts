import { CoderCodes, entryOf, stretchesOf, turnsKey } from "./stretches";

/** A coding as the agenda compares it: whose, which code, where ([start, end) canonical offsets). */
export interface AgendaCoding {
  readonly id: string;
  readonly coderId: string;
  readonly codeId: string;
  readonly start: number;
  readonly end: number;
}

/** One transcript: its turns (for the "same turn" tolerance) and every compared coder's codings. */
export interface AgendaTranscript {
  readonly id: string;
  readonly turns: readonly { readonly start: number; readonly end: number }[];
  readonly codings: readonly AgendaCoding[];
}

/** A comment thread marked for the meeting. */
export interface AgendaThread {
  readonly id: string;
  readonly transcriptId: string | null;
  /** Its passage, if it has one; a thread on a code has its code instead. */
  readonly start: number | null;
  readonly end: number | null;
  readonly codeId: string | null;
}

/**
 * How far apart the same code's boundaries may be and still count as agreeing: up to `characters`
 * code points at each end, or anywhere within the same turns.
 */
export type Tolerance =
  | { readonly kind: "characters"; readonly characters: number }
  | { readonly kind: "turn" };

/** The tolerance a person asks for: a number of characters (0 if none is given), or "turn". */
export function toleranceOf(value: number | "turn" | undefined): Tolerance {
  return value === "turn" ? { kind: "turn" } : { kind: "characters", characters: value ?? 0 };
}

/** What the agenda is built from, and how it is laid out. */
export interface AgendaOptions {
  /** The coders compared (a round's, or those chosen for shared codings). */
  readonly coders: readonly string[];
  readonly tolerance: Tolerance;
  /** The code a coding counts towards now (merges followed); the id itself if not given. */
  readonly effectiveCode?: (codeId: string) => string;
  readonly groupBy?: "transcript" | "code";
  /** Text order, or the items whose decision moves agreement most first. */
  readonly order?: "position" | "impact";
  readonly filter?: {
    readonly codeIds?: readonly string[];
    readonly coderIds?: readonly string[];
    readonly transcriptIds?: readonly string[];
  };
}

/** A passage where coders differ on one code. */
export interface DisagreementItem {
  readonly kind: "disagreement";
  /** Stable across rebuilds of the same data: transcript, code and the passage's start. */
  readonly id: string;
  readonly transcriptId: string;
  readonly codeId: string;
  /** The passage: from the first to the last character any coder gave the code here. */
  readonly start: number;
  readonly end: number;
  /**
   * - `presence`: some coders applied the code here and others did not;
   * - `substitution`: those who did not applied other codes to the same passage (`alternatives`);
   * - `boundaries`: everyone applied it, with boundaries further apart than the tolerance.
   */
  readonly reason: "presence" | "substitution" | "boundaries";
  /** The coders who have the code here, and those who do not. */
  readonly coders: { readonly with: readonly string[]; readonly without: readonly string[] };
  /** Each coder's codings of the code in the passage (none: they did not apply it). */
  readonly versions: Readonly<Record<string, readonly AgendaCoding[]>>;
  /** For a substitution: the other codes each coder without this one applied to the passage. */
  readonly alternatives: Readonly<Record<string, readonly string[]>>;
  /**
   * How much deciding it could move agreement: the disagreeing pairs of coders summed over the
   * passage's characters, ∫ k (m − k) dx with k of the m coders coding each character.
   */
  readonly impact: number;
}

/** A thread marked for the meeting. */
export interface ThreadItem {
  readonly kind: "thread";
  readonly id: string;
  readonly threadId: string;
  readonly transcriptId: string | null;
  readonly codeId: string | null;
  readonly start: number | null;
  readonly end: number | null;
  readonly impact: 0;
}

/** One item of a meeting's agenda. */
export type AgendaItem = DisagreementItem | ThreadItem;

/**
 * A meeting's agenda: every passage where the coders differ, transcript by transcript and code by
 * code, and the threads marked for the meeting. Codings of one code that overlap (across coders)
 * form a passage. It is on the agenda if some coders did not apply the code there (a substitution
 * when they applied other codes instead), or if every coder did but their boundaries are further
 * apart than the tolerance; a coder's own overlapping codings of one code count as one stretch.
 */
export function buildAgenda(
  transcripts: readonly AgendaTranscript[],
  threads: readonly AgendaThread[],
  options: AgendaOptions,
): AgendaItem[] {
  const effective = options.effectiveCode ?? ((id: string) => id);
  const items: AgendaItem[] = [];
  forEachPassage(transcripts, options, (transcript, codeId, passage, codings) => {
    const item = judge(transcript, codeId, passage, codings, options);
    if (item) items.push(item);
  });
  for (const thread of threads) {
    items.push({
      kind: "thread",
      id: `thread:${thread.id}`,
      threadId: thread.id,
      transcriptId: thread.transcriptId,
      codeId: thread.codeId === null ? null : effective(thread.codeId),
      start: thread.start,
      end: thread.end,
      impact: 0,
    });
  }
  return arrange(filtered(items, options), transcripts, options);
}

/** A passage every compared coder gave one code, with boundaries within the tolerance. */
export interface AgreedPassage {
  readonly transcriptId: string;
  readonly codeId: string;
  /** The coders' stretches joined: what any of them coded there. */
  readonly start: number;
  readonly end: number;
}

/**
 * The passages the agenda leaves out because the coders agree on them: every coder applied the code
 * there, within the tolerance. They are what a meeting needs not discuss, and what it takes into the
 * shared codings as agreed. The code and transcript filters apply; the coder filter does not (every
 * coder is part of an agreement).
 */
export function agreedPassages(
  transcripts: readonly AgendaTranscript[],
  options: AgendaOptions,
): AgreedPassage[] {
  const { codeIds, transcriptIds } = options.filter ?? {};
  const agreed: AgreedPassage[] = [];
  forEachPassage(transcripts, options, (transcript, codeId, passage) => {
    if (codeIds && !codeIds.includes(codeId)) return;
    if (transcriptIds && !transcriptIds.includes(transcript.id)) return;
    if (!codedAlike(transcript, passage, options)) return;
    for (const s of stretchesOf(passage.codings)) agreed.push({ transcriptId: transcript.id, codeId, ...s });
  });
  return agreed;
}

/**
 * Calls `visit` with each passage of each code (merges followed) in each transcript, in text order,
 * and the transcript's codings by the compared coders.
 */
function forEachPassage(
  transcripts: readonly AgendaTranscript[],
  options: AgendaOptions,
  visit: (
    transcript: AgendaTranscript,
    codeId: string,
    passage: { start: number; end: number; codings: AgendaCoding[] },
    /** Each coder's codes, indexed when first asked for. */
    codings: () => CoderCodes,
  ) => void,
): void {
  const effective = options.effectiveCode ?? ((id: string) => id);
  const coders = new Set(options.coders);
  for (const transcript of transcripts) {
    const byCode = new Map<string, AgendaCoding[]>();
    for (const c of transcript.codings) {
      if (!coders.has(c.coderId) || !(c.start < c.end)) continue;
      const codeId = effective(c.codeId);
      entryOf(byCode, codeId, () => []).push({ ...c, codeId });
    }
    let index: CoderCodes | null = null;
    const indexed = () => {
      index ??= new CoderCodes([...byCode.values()].flat());
      return index;
    };
    for (const codeId of [...byCode.keys()].sort()) {
      for (const passage of passagesOf(byCode.get(codeId) ?? [])) visit(transcript, codeId, passage, indexed);
    }
  }
}

/** Codings of one code overlapping across coders, in text order. */
function passagesOf(
  codings: readonly AgendaCoding[],
): { start: number; end: number; codings: AgendaCoding[] }[] {
  const sorted = [...codings].sort((a, b) => a.start - b.start || a.end - b.end);
  const passages: { start: number; end: number; codings: AgendaCoding[] }[] = [];
  for (const coding of sorted) {
    const last = passages[passages.length - 1];
    if (last && coding.start < last.end) {
      last.end = Math.max(last.end, coding.end);
      last.codings.push(coding);
    } else passages.push({ start: coding.start, end: coding.end, codings: [coding] });
  }
  return passages;
}

/** Whether every compared coder applied the passage's code there, with boundaries within the tolerance. */
function codedAlike(
  transcript: AgendaTranscript,
  passage: { codings: readonly AgendaCoding[] },
  options: AgendaOptions,
): boolean {
  const byCoder = new Map<string, AgendaCoding[]>();
  for (const coding of passage.codings) entryOf(byCoder, coding.coderId, () => []).push(coding);
  if (options.coders.some((coder) => !byCoder.has(coder))) return false;
  return boundariesAgree(
    transcript,
    options.coders.map((coder) => stretchesOf(byCoder.get(coder) ?? [])),
    options.tolerance,
  );
}

function judge(
  transcript: AgendaTranscript,
  codeId: string,
  passage: { start: number; end: number; codings: AgendaCoding[] },
  all: () => CoderCodes,
  options: AgendaOptions,
): DisagreementItem | null {
  const versions: Record<string, AgendaCoding[]> = {};
  for (const coder of options.coders) versions[coder] = [];
  for (const coding of passage.codings) versions[coding.coderId]?.push(coding);
  const withCode = options.coders.filter((coder) => (versions[coder] ?? []).length > 0);
  const without = options.coders.filter((coder) => (versions[coder] ?? []).length === 0);
  let reason: DisagreementItem["reason"];
  const alternatives: Record<string, string[]> = {};
  if (without.length > 0) {
    for (const coder of without) {
      const others = all().codesOver(coder, passage.start, passage.end, codeId);
      if (others.length > 0) alternatives[coder] = others;
    }
    reason = Object.keys(alternatives).length > 0 ? "substitution" : "presence";
  } else {
    if (
      boundariesAgree(
        transcript,
        withCode.map((coder) => stretchesOf(versions[coder] ?? [])),
        options.tolerance,
      )
    )
      return null;
    reason = "boundaries";
  }
  return {
    kind: "disagreement",
    id: `${transcript.id}:${codeId}:${passage.start}`,
    transcriptId: transcript.id,
    codeId,
    start: passage.start,
    end: passage.end,
    reason,
    coders: { with: withCode, without },
    versions,
    alternatives,
    impact: disagreeingPairs(
      options.coders.map((coder) => stretchesOf(versions[coder] ?? [])),
      options.coders.length,
    ),
  };
}

/**
 * Whether every coder's stretches match every other's within the tolerance: the same number of
 * stretches, each end within `characters` of the other's; or, for "same turn", covering the same turns.
 */
function boundariesAgree(
  transcript: AgendaTranscript,
  byCoder: readonly { start: number; end: number }[][],
  tolerance: Tolerance,
): boolean {
  const [first, ...rest] = byCoder;
  if (!first) return true;
  if (tolerance.kind === "turn") {
    const key = turnsKey(transcript.turns, first);
    return rest.every((stretches) => turnsKey(transcript.turns, stretches) === key);
  }
  return rest.every(
    (stretches) =>
      stretches.length === first.length &&
      stretches.every((s, i) => {
        const other = first[i] as { start: number; end: number };
        return (
          Math.abs(s.start - other.start) <= tolerance.characters &&
          Math.abs(s.end - other.end) <= tolerance.characters
        );
      }),
  );
}

/** ∫ k (m − k) dx over the coders' stretches: the disagreeing pairs of coders, character by character. */
function disagreeingPairs(byCoder: readonly { start: number; end: number }[][], m: number): number {
  const events = byCoder
    .flatMap((stretches) => stretches.flatMap((s) => [s.start * 2 + 1, s.end * 2]))
    .sort((a, b) => a - b);
  let k = 0;
  let at = 0;
  let total = 0;
  for (const event of events) {
    const point = event >> 1;
    total += k * (m - k) * (point - at);
    at = point;
    k += event & 1 ? 1 : -1;
  }
  return total;
}

function filtered(items: AgendaItem[], options: AgendaOptions): AgendaItem[] {
  const { codeIds, coderIds, transcriptIds } = options.filter ?? {};
  return items.filter((item) => {
    if (codeIds && !(item.codeId !== null && codeIds.includes(item.codeId))) return false;
    if (transcriptIds && !(item.transcriptId !== null && transcriptIds.includes(item.transcriptId)))
      return false;
    // A coder filter keeps the disagreements that coder is part of (with the code or without it).
    if (coderIds && item.kind === "disagreement") {
      const involved = [...item.coders.with, ...item.coders.without];
      if (!coderIds.some((coder) => involved.includes(coder))) return false;
    }
    return true;
  });
}

function arrange(
  items: AgendaItem[],
  transcripts: readonly AgendaTranscript[],
  options: AgendaOptions,
): AgendaItem[] {
  const position = new Map(transcripts.map((t, i) => [t.id, i]));
  const where = (item: AgendaItem) => position.get(item.transcriptId ?? "") ?? transcripts.length;
  const byPosition = (a: AgendaItem, b: AgendaItem) =>
    where(a) - where(b) ||
    (a.start ?? -1) - (b.start ?? -1) ||
    (a.codeId ?? "").localeCompare(b.codeId ?? "") ||
    a.id.localeCompare(b.id);
  const byGroup = (a: AgendaItem, b: AgendaItem) =>
    options.groupBy === "code"
      ? (a.codeId ?? "\uffff").localeCompare(b.codeId ?? "\uffff")
      : where(a) - where(b);
  return [...items].sort(
    (a, b) => byGroup(a, b) || (options.order === "impact" ? b.impact - a.impact : 0) || byPosition(a, b),
  );
}
