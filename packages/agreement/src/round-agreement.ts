import { binaryAgreement } from "./binary-counts";
import { characterAgreement } from "./character-agreement";
import { unitizedAlpha } from "./unitized";
import type { CoderUnit } from "./unitizing-data";

/** What one value of agreement is counted over: speaker turns, characters, or whole transcripts. */
export type AgreementUnit = "turn" | "character" | "transcript";

/** The units a figure may be computed at. */
export const AGREEMENT_UNITS: readonly AgreementUnit[] = ["turn", "character", "transcript"];

/** A coding of a coder's layer, placed on the transcript's canonical text: [start, end) in code points. */
export interface PlacedCoding {
  readonly codeId: string;
  readonly start: number;
  readonly end: number;
}

/** One transcript of a round: its text's length, its turns and each coder's placed codings. */
export interface RoundTranscript {
  readonly id: string;
  /** Length of the canonical text, in code points. */
  readonly length: number;
  /** Each speaker turn's stretch of the canonical text, in order (headings and notes are no turns). */
  readonly turns: readonly { readonly start: number; readonly end: number }[];
  /** Each coder's codings (a coder with none may be left out or given an empty list). */
  readonly layers: Readonly<Record<string, readonly PlacedCoding[]>>;
}

/** A round's layers, ready to compare. */
export interface RoundAgreementInput {
  /** Every coder of the round, in the round's order: a coder without codings still counts. */
  readonly coders: readonly string[];
  /** The codes compared (the round's, or every code someone applied), with their names. */
  readonly codes: readonly { readonly id: string; readonly name: string }[];
  readonly transcripts: readonly RoundTranscript[];
  readonly unit: AgreementUnit;
}

/** One figure and what it was computed over. */
export interface AgreementFigure {
  /**
   * Observed agreement, not chance-corrected: at the turn and transcript units the share of agreeing
   * pairs of answers (A_o); at the character unit the share of characters coded alike among those at
   * least one of the coders gave the code.
   */
  readonly percent: number | null;
  /**
   * Krippendorff's alpha: nominal alpha on "was the code applied to this unit?" at the turn and
   * transcript units; the binary unitizing alpha (|u|α, Krippendorff et al. 2016) at the character unit.
   */
  readonly krippendorffAlpha: number | null;
  /** How many units (turns, transcripts, or code points) the figure counts, per code. */
  readonly units: number;
  /** Why alpha is undefined, in words for the page; null when it is defined. */
  readonly why: string | null;
}

/** The dashboard's figures for a round at one unit. */
export interface RoundAgreement {
  readonly unit: AgreementUnit;
  readonly coders: readonly string[];
  /** How text nobody coded is counted, to be stated beside every figure. */
  readonly uncoded: string;
  /** Coders of the round who applied none of the compared codes: reported, never dropped. */
  readonly codersWithoutCodings: readonly string[];
  /** Every code together (each code a variable of its own, pooled). */
  readonly overall: AgreementFigure;
  readonly byCode: readonly ({ readonly codeId: string; readonly name: string } & AgreementFigure)[];
  readonly byTranscript: readonly ({ readonly transcriptId: string } & AgreementFigure)[];
  /** Each pair of coders, overall and per code. */
  readonly byPair: readonly ({
    readonly coders: readonly [string, string];
    readonly byCode: readonly ({ readonly codeId: string } & AgreementFigure)[];
  } & AgreementFigure)[];
}

const UNCODED: Record<AgreementUnit, string> = {
  turn: "Each speaker turn is a unit for each code: a coder's answer is whether they applied the code anywhere in the turn. A turn nobody gave a code counts as the coders agreeing that the code is absent there.",
  transcript:
    "Each transcript is a unit for each code: a coder's answer is whether they applied the code anywhere in it. A transcript nobody gave a code counts as the coders agreeing that the code is absent there.",
  character:
    "Alpha compares the stretches each coder coded and the gaps between them over the whole text, so text nobody coded counts as agreed gap. Percent counts only the characters at least one coder gave the code.",
};

/**
 * Agreement between a round's coders at `input.unit`: overall, per code, per transcript and per pair
 * of coders (pure; see docs/AGREEMENT.md for each measure, its unit and how uncoded text counts).
 */
export function roundAgreement(input: RoundAgreementInput): RoundAgreement {
  const { coders, codes, transcripts, unit } = input;
  const used = new Set(
    transcripts.flatMap((t) =>
      coders.filter((c) => (t.layers[c] ?? []).some((x) => codes.some((k) => k.id === x.codeId))),
    ),
  );
  const measure = (subset: readonly RoundTranscript[], who: readonly string[], codeIds: readonly string[]) =>
    unit === "character" ? characterFigure(subset, who, codeIds) : answerFigure(subset, who, codeIds, unit);
  const codeIds = codes.map((code) => code.id);
  const pairs: [string, string][] = [];
  coders.forEach((a, i) => {
    for (const b of coders.slice(i + 1)) pairs.push([a, b]);
  });
  return {
    unit,
    coders,
    uncoded: UNCODED[unit],
    codersWithoutCodings: coders.filter((coder) => !used.has(coder)),
    overall: measure(transcripts, coders, codeIds),
    byCode: codes.map((code) => ({
      codeId: code.id,
      name: code.name,
      ...measure(transcripts, coders, [code.id]),
    })),
    byTranscript: transcripts.map((t) => ({ transcriptId: t.id, ...measure([t], coders, codeIds) })),
    byPair: pairs.map((pair) => ({
      coders: pair,
      ...measure(transcripts, pair, codeIds),
      byCode: codes.map((code) => ({ codeId: code.id, ...measure(transcripts, pair, [code.id]) })),
    })),
  };
}

/** Turn or transcript unit: for each code and unit, how many of `coders` applied the code there. */
function answerFigure(
  transcripts: readonly RoundTranscript[],
  coders: readonly string[],
  codeIds: readonly string[],
  unit: "turn" | "transcript",
): AgreementFigure {
  const counts: number[] = [];
  for (const codeId of codeIds) {
    for (const transcript of transcripts) {
      const units = unit === "turn" ? transcript.turns : [{ start: 0, end: Math.max(transcript.length, 1) }];
      const applied = new Array<number>(units.length).fill(0);
      for (const coder of coders) {
        const hit = new Uint8Array(units.length);
        for (const coding of transcript.layers[coder] ?? []) {
          if (coding.codeId !== codeId) continue;
          for (let u = firstUnitEndingAfter(units, coding.start); u < units.length; u++) {
            if ((units[u] as { start: number }).start >= coding.end) break;
            hit[u] = 1;
          }
        }
        hit.forEach((h, u) => {
          applied[u] = (applied[u] as number) + h;
        });
      }
      counts.push(...applied);
    }
  }
  const { alpha, percent, applied } = binaryAgreement(counts, coders.length);
  const perCode = counts.length / Math.max(codeIds.length, 1);
  const what = unit === "turn" ? "turn" : "transcript";
  let why: string | null = null;
  if (coders.length < 2) why = "fewer than two coders";
  else if (counts.length === 0)
    why = unit === "turn" ? "no speaker turns to compare" : "no transcripts to compare";
  else if (applied === 0) why = "no variation: no coder applied this code";
  else if (applied === counts.length * coders.length)
    why = `no variation: every coder applied this code to every ${what}`;
  return { percent, krippendorffAlpha: alpha, units: perCode, why: alpha === null ? why : null };
}

/** The first unit (in order, not overlapping) whose end lies after `offset`. */
function firstUnitEndingAfter(units: readonly { start: number; end: number }[], offset: number): number {
  let low = 0;
  let high = units.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((units[mid] as { end: number }).end <= offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * Character unit: one continuum per code, the transcripts' texts one after another, pooled by
 * laying the codes' continua end to end; each coder's overlapping codings of one code are one stretch.
 */
function characterFigure(
  transcripts: readonly RoundTranscript[],
  coders: readonly string[],
  codeIds: readonly string[],
): AgreementFigure {
  const textLength = transcripts.reduce((sum, t) => sum + t.length, 0);
  if (coders.length < 2 || textLength === 0 || codeIds.length === 0) {
    const why = coders.length < 2 ? "fewer than two coders" : "no text to compare";
    return { percent: null, krippendorffAlpha: null, units: textLength, why };
  }
  const units: CoderUnit[] = [];
  codeIds.forEach((codeId, k) => {
    let offset = k * textLength;
    for (const transcript of transcripts) {
      for (const coder of coders) {
        const stretches = (transcript.layers[coder] ?? [])
          .filter((c) => c.codeId === codeId)
          .map((c) => ({ start: Math.max(0, c.start), end: Math.min(transcript.length, c.end) }))
          .filter((c) => c.start < c.end);
        for (const stretch of joinOverlapping(stretches)) {
          units.push({ coder, start: offset + stretch.start, end: offset + stretch.end, value: "coded" });
        }
      }
      offset += transcript.length;
    }
  });
  const length = textLength * codeIds.length;
  const { binaryUAlpha } = unitizedAlpha(units, { length, coders });
  const { agreed, disagreed } = characterAgreement(units, { length, coders });
  let why: string | null = null;
  if (binaryUAlpha === null) {
    why =
      units.length === 0
        ? "no variation: no coder applied this code"
        : "no variation: every coder applied this code to the whole text";
  }
  return {
    percent: agreed + disagreed === 0 ? null : agreed / (agreed + disagreed),
    krippendorffAlpha: binaryUAlpha,
    units: textLength,
    why,
  };
}

/** Stretches joined where they overlap or touch, in order. */
function joinOverlapping(stretches: { start: number; end: number }[]): { start: number; end: number }[] {
  const sorted = [...stretches].sort((a, b) => a.start - b.start || a.end - b.end);
  const joined: { start: number; end: number }[] = [];
  for (const stretch of sorted) {
    const last = joined[joined.length - 1];
    if (last && stretch.start <= last.end) last.end = Math.max(last.end, stretch.end);
    else joined.push({ ...stretch });
  }
  return joined;
}
