import type { DraftTurn } from "./transcript-draft";

/** One tier of a Praat TextGrid: its name and its non-empty intervals. */
export interface TextGridTier {
  readonly name: string;
  readonly intervals: readonly { start: number; end: number; text: string }[];
}

/** Thrown for text that is not a Praat TextGrid this reader understands. */
export class TextGridError extends Error {
  override readonly name = "TextGridError";
}

/**
 * Tokens of a TextGrid: quoted strings (with Praat's doubled quotes) and numbers, in order. The long
 * ("text file") format's labels (`xmin =`, `intervals [1]:`) are dropped, which leaves the same token
 * sequence as the short format, so one reader serves both.
 */
function tokensOf(text: string): (string | number)[] {
  const tokens: (string | number)[] = [];
  const pattern =
    /"((?:[^"]|"")*)"|(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)|<exists>|\[\d+\]|[A-Za-z_]+\s*(?:\[\s*\]\s*)?[:=]?|\S/g;
  for (const match of text.matchAll(pattern)) {
    if (match[1] !== undefined) tokens.push(match[1].replace(/""/g, '"'));
    else if (match[2] !== undefined) tokens.push(Number(match[2]));
  }
  return tokens;
}

/** Reads the interval tiers of a TextGrid (long or short text format). Point tiers are skipped. */
export function parseTextGrid(text: string): TextGridTier[] {
  const tokens = tokensOf(text);
  let i = 0;
  const next = (): string | number => {
    if (i >= tokens.length) throw new TextGridError("the file ends in the middle of a tier");
    return tokens[i++] as string | number;
  };
  const nextNumber = (): number => {
    const value = next();
    if (typeof value !== "number") throw new TextGridError(`expected a number, found "${value}"`);
    return value;
  };
  if (next() !== "ooTextFile" || next() !== "TextGrid")
    throw new TextGridError("it does not start as a Praat TextGrid");
  nextNumber();
  nextNumber();
  const tierCount = nextNumber();
  const tiers: TextGridTier[] = [];
  for (let t = 0; t < tierCount; t++) {
    const kind = next();
    const name = String(next());
    nextNumber();
    nextNumber();
    const count = nextNumber();
    const intervals: { start: number; end: number; text: string }[] = [];
    for (let k = 0; k < count; k++) {
      if (kind === "IntervalTier") {
        const start = nextNumber();
        const end = nextNumber();
        const label = String(next());
        if (label.trim()) intervals.push({ start, end, text: label });
      } else {
        nextNumber();
        next();
      }
    }
    if (kind === "IntervalTier") tiers.push({ name, intervals });
  }
  return tiers;
}

/**
 * Praat transcription tags in words a reader understands: inaudible and unintelligible stretches
 * become bracketed notes, uncertain words keep their text.
 */
export function cleanTranscriptionTags(text: string): string {
  return text
    .replace(/<INAUDIBLE_SPEECH\/>/g, "[inaudible]")
    .replace(/<UNIN\/>/g, "[unintelligible]")
    .replace(/<\/?UNSURE>/g, "")
    .replace(/<[^>]{1,40}\/?>/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

const GENERIC_TIER_NAMES = /^(speaker|tier|words?|transcription|utterances?|text|\d+)?$/i;

/**
 * Turns from the tiers of one TextGrid, one turn per interval, in time order. A tier named
 * generically ("Speaker") takes `fallbackSpeaker` instead (from the file name, e.g. "Doctor").
 */
export function textGridTurns(tiers: readonly TextGridTier[], fallbackSpeaker: string): DraftTurn[] {
  const turns = tiers.flatMap((tier) => {
    const speaker = GENERIC_TIER_NAMES.test(tier.name.trim()) ? fallbackSpeaker : tier.name.trim();
    return tier.intervals.map(
      (interval): DraftTurn => ({
        kind: "turn",
        speaker,
        text: cleanTranscriptionTags(interval.text),
        start: interval.start,
        end: interval.end,
      }),
    );
  });
  return turns.filter((turn) => turn.text).sort((a, b) => (a.start ?? 0) - (b.start ?? 0));
}
