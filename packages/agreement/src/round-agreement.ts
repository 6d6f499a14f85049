import { binaryAgreement } from "./binary-counts";
import { binaryUnitizing, type Stretch } from "./binary-unitizing";

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
  const compared = new Set(codes.map((code) => code.id));
  const used = new Set(
    transcripts.flatMap((t) => coders.filter((c) => (t.layers[c] ?? []).some((x) => compared.has(x.codeId)))),
  );
  // Every figure reads the same few hundred thousand codings: group, place and join them once.
  const layers = new PlacedLayers(unit);
  const measure = (subset: readonly RoundTranscript[], who: readonly string[], codeIds: readonly string[]) =>
    unit === "character"
      ? characterFigure(layers, subset, who, codeIds)
      : answerFigure(layers, subset, who, codeIds, unit);
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

/**
 * A round's codings grouped by transcript, coder and code, with what each figure needs of them worked
 * out once: which turns (or transcript) each coder gave each code, and the stretches they gave it.
 */
class PlacedLayers {
  private readonly grouped = new Map<RoundTranscript, Map<string, Map<string, PlacedCoding[]>>>();
  private readonly hits = new Map<RoundTranscript, Map<string, Map<string, Uint8Array>>>();
  private readonly joined = new Map<
    RoundTranscript,
    Map<string, Map<string, { start: number; end: number }[]>>
  >();

  constructor(private readonly unit: AgreementUnit) {}

  /** The coder's codings of the code in the transcript. */
  codingsOf(transcript: RoundTranscript, coder: string, codeId: string): readonly PlacedCoding[] {
    let byCoder = this.grouped.get(transcript);
    if (!byCoder) {
      byCoder = new Map();
      for (const [who, codings] of Object.entries(transcript.layers)) {
        const byCode = new Map<string, PlacedCoding[]>();
        for (const coding of codings) {
          const list = byCode.get(coding.codeId);
          if (list) list.push(coding);
          else byCode.set(coding.codeId, [coding]);
        }
        byCoder.set(who, byCode);
      }
      this.grouped.set(transcript, byCoder);
    }
    return byCoder.get(coder)?.get(codeId) ?? [];
  }

  /** For each unit of the transcript (its turns, or itself whole), whether the coder applied the code there. */
  hitsOf(transcript: RoundTranscript, coder: string, codeId: string): Uint8Array {
    return cached(this.hits, transcript, coder, codeId, () => {
      const units = unitsOf(transcript, this.unit);
      const hit = new Uint8Array(units.length);
      for (const coding of this.codingsOf(transcript, coder, codeId)) {
        for (let u = firstUnitEndingAfter(units, coding.start); u < units.length; u++) {
          if ((units[u] as { start: number }).start >= coding.end) break;
          hit[u] = 1;
        }
      }
      return hit;
    });
  }

  /** The stretches of the transcript the coder gave the code, overlapping codings joined, in order. */
  stretchesOf(
    transcript: RoundTranscript,
    coder: string,
    codeId: string,
  ): readonly { start: number; end: number }[] {
    return cached(this.joined, transcript, coder, codeId, () =>
      joinOverlapping(
        this.codingsOf(transcript, coder, codeId)
          .map((c) => ({ start: Math.max(0, c.start), end: Math.min(transcript.length, c.end) }))
          .filter((c) => c.start < c.end),
      ),
    );
  }
}

function cached<T>(
  store: Map<RoundTranscript, Map<string, Map<string, T>>>,
  transcript: RoundTranscript,
  coder: string,
  codeId: string,
  make: () => T,
): T {
  let byCoder = store.get(transcript);
  if (!byCoder) {
    byCoder = new Map();
    store.set(transcript, byCoder);
  }
  let byCode = byCoder.get(coder);
  if (!byCode) {
    byCode = new Map();
    byCoder.set(coder, byCode);
  }
  let value = byCode.get(codeId);
  if (value === undefined) {
    value = make();
    byCode.set(codeId, value);
  }
  return value;
}

/** The units of a transcript at the turn unit (its turns) or the transcript unit (itself). */
function unitsOf(
  transcript: RoundTranscript,
  unit: AgreementUnit,
): readonly { start: number; end: number }[] {
  return unit === "turn" ? transcript.turns : [{ start: 0, end: Math.max(transcript.length, 1) }];
}

/** Turn or transcript unit: for each code and unit, how many of `coders` applied the code there. */
function answerFigure(
  layers: PlacedLayers,
  transcripts: readonly RoundTranscript[],
  coders: readonly string[],
  codeIds: readonly string[],
  unit: "turn" | "transcript",
): AgreementFigure {
  let total = 0;
  for (const transcript of transcripts) total += unitsOf(transcript, unit).length;
  const counts = new Uint16Array(total * codeIds.length);
  let at = 0;
  for (const codeId of codeIds) {
    for (const transcript of transcripts) {
      const size = unitsOf(transcript, unit).length;
      for (const coder of coders) {
        const hit = layers.hitsOf(transcript, coder, codeId);
        for (let u = 0; u < size; u++) counts[at + u] = (counts[at + u] as number) + (hit[u] as number);
      }
      at += size;
    }
  }
  const { alpha, percent, applied } = binaryAgreement(counts, coders.length);
  const what = unit === "turn" ? "turn" : "transcript";
  let why: string | null = null;
  if (coders.length < 2) why = "fewer than two coders";
  else if (counts.length === 0)
    why = unit === "turn" ? "no speaker turns to compare" : "no transcripts to compare";
  else if (applied === 0) why = `no variation: no coder applied ${these(codeIds)}`;
  else if (applied === counts.length * coders.length)
    why = `no variation: every coder applied ${these(codeIds)} to every ${what}`;
  return { percent, krippendorffAlpha: alpha, units: total, why: alpha === null ? why : null };
}

/** "this code", or "any of these codes" for a figure over several. */
function these(codeIds: readonly string[]): string {
  return codeIds.length === 1 ? "this code" : "any of these codes";
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
  layers: PlacedLayers,
  transcripts: readonly RoundTranscript[],
  coders: readonly string[],
  codeIds: readonly string[],
): AgreementFigure {
  const textLength = transcripts.reduce((sum, t) => sum + t.length, 0);
  if (coders.length < 2 || textLength === 0 || codeIds.length === 0) {
    const why = coders.length < 2 ? "fewer than two coders" : "no text to compare";
    return { percent: null, krippendorffAlpha: null, units: textLength, why };
  }
  const stretches: Stretch[][] = coders.map(() => []);
  codeIds.forEach((codeId, k) => {
    let offset = k * textLength;
    for (const transcript of transcripts) {
      coders.forEach((coder, c) => {
        const own = stretches[c] as Stretch[];
        for (const stretch of layers.stretchesOf(transcript, coder, codeId)) {
          own.push({ start: offset + stretch.start, end: offset + stretch.end });
        }
      });
      offset += transcript.length;
    }
  });
  const { alpha, percent } = binaryUnitizing(stretches, textLength * codeIds.length);
  let why: string | null = null;
  if (alpha === null) {
    why = stretches.every((own) => own.length === 0)
      ? `no variation: no coder applied ${these(codeIds)}`
      : `no variation: every coder applied ${these(codeIds)} to the whole text`;
  }
  return { percent, krippendorffAlpha: alpha, units: textLength, why };
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
