/** The file formats Concord reads. */
export type SourceFormat = "text" | "markdown" | "restructuredtext" | "docx" | "webvtt" | "srt" | "textgrid";

/** A turn: what one speaker said, with times in seconds when the source has them. */
export interface DraftTurn {
  readonly kind: "turn";
  /** The speaker's label as written in the source; null for unattributed text. */
  readonly speaker: string | null;
  /** What was said: its paragraphs joined by a newline. */
  readonly text: string;
  readonly start?: number;
  readonly end?: number;
}

/** Text that is not anyone's speech: a heading, a stage direction, a sitting time, a footnote. */
export interface DraftNote {
  readonly kind: "note";
  readonly text: string;
}

/** A heading of the source (a Word heading, a section title): nobody's speech. */
export interface DraftHeading {
  readonly kind: "heading";
  readonly text: string;
  /** 1 for a top-level heading, 2 and 3 below it. */
  readonly level?: number;
}

/** One block of a transcript in reading order. */
export type DraftBlock = DraftTurn | DraftNote | DraftHeading;

/**
 * A transcript read from a file, before it is stored: the preview shows it, the person renames or
 * merges speakers, and the server seeds the transcript's document from it.
 */
export interface TranscriptDraft {
  readonly format: SourceFormat;
  readonly blocks: readonly DraftBlock[];
  /** Things the reader repaired or guessed (an encoding, a mojibake fix), in words for people. */
  readonly warnings: readonly string[];
}

/** The speakers of a draft, in order of first appearance. */
export function speakersOf(draft: TranscriptDraft): string[] {
  const seen = new Set<string>();
  for (const block of draft.blocks)
    if (block.kind === "turn" && block.speaker !== null) seen.add(block.speaker);
  return [...seen];
}

/** Counts for the preview and the command line: speakers, turns and words. */
export function summarise(draft: TranscriptDraft): { speakers: string[]; turns: number; words: number } {
  let turns = 0;
  let words = 0;
  for (const block of draft.blocks) {
    if (block.kind !== "turn") continue;
    turns += 1;
    words += countWords(block.text);
  }
  return { speakers: speakersOf(draft), turns, words };
}

/** Words as a reader counts them: runs of letters or digits, apostrophes and hyphens inside. */
export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}

/**
 * Renames speakers: every label in `mapping` becomes its value. Mapping two labels to one name
 * merges them into one person (`Ms Carey` and `Lead 6`). A label mapped to an empty name was not a
 * speaker (`Date: 14 May 2024`): its turns become unattributed text that starts with the label, as
 * the file had it. A warning about a label (warnings quote labels as “…”) goes once the label is
 * given another name: it says nothing about the draft any more.
 */
export function renameSpeakers(
  draft: TranscriptDraft,
  mapping: Readonly<Record<string, string>>,
): TranscriptDraft {
  const renamed = Object.entries(mapping)
    .filter(([label, name]) => name.trim() !== label)
    .map(([label]) => `“${label}”`);
  return {
    ...draft,
    warnings: draft.warnings.filter((warning) => !renamed.some((quoted) => warning.startsWith(quoted))),
    blocks: draft.blocks.map((block): DraftBlock => {
      if (block.kind !== "turn" || block.speaker === null) return block;
      const name = mapping[block.speaker];
      if (name === undefined) return block;
      if (name.trim() === "") return { ...block, speaker: null, text: `${block.speaker}: ${block.text}` };
      return { ...block, speaker: name.trim() };
    }),
  };
}

/** The draft without speakers: every turn and note unattributed text (headings stay headings). */
export function asPlainParagraphs(draft: TranscriptDraft): TranscriptDraft {
  return {
    ...draft,
    blocks: draft.blocks.map((block): DraftBlock => {
      if (block.kind === "heading") return block;
      if (block.kind === "note") return { kind: "turn", speaker: null, text: block.text };
      return {
        kind: "turn",
        speaker: null,
        text: block.speaker ? `${block.speaker}: ${block.text}` : block.text,
      };
    }),
  };
}
