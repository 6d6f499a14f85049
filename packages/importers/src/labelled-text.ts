import type { DraftBlock, DraftTurn } from "./transcript-draft";

/** Which markup the text uses: it decides headings, escapes and emphasis. */
export type TextFlavour = "text" | "markdown" | "restructuredtext";

interface LabelMatch {
  readonly speaker: string;
  readonly rest: string;
  readonly start?: number;
  /** Distinctive forms (bold, timed) count at once; plain `Name:` and `[id]` must recur. */
  readonly distinctive: boolean;
}

const BOLD_COLON_OUTSIDE = /^\*\*([^*]{1,80}?)\*\*\s*:\s*(.*)$/;
const BOLD_COLON_INSIDE = /^\*\*([^*]{1,80}?):\*\*\s*(.*)$/;
const TIMED_LABEL = /^([^:()]{1,60}?)\s*\((\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?)\):\s*(.*)$/;
const BRACKET_ID = /^\[([\w.-]{1,30})\]\s+(.*)$/;
const PLAIN_LABEL = /^([^\s:][^:]{0,50}?):(?:\s+(.*))?$/;
/** Otter's text export: the speaker and the time on a line of their own above the turn. */
const OTTER_LABEL = /^(\S[^:]{0,58}?)\s{2,}(\d{1,2}:\d{2}(?::\d{2})?)$/;
/** A time before the label: `[00:00:02] Interviewer: …`, `00:01:02 Interviewer: …`. */
const LEADING_TIME = /^\\?\[?(\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?)\\?\]?\s+(.*)$/;
const INLINE_TIME = /\\?\[(\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?)\\?\]\s*/g;
/** reStructuredText that is not text: a directive or comment (`.. image::`), a field (`:outline:`). */
const RST_DIRECTIVE = /^\.\.(\s|$)/;
const RST_FIELD = /^:[^:\s][^:]*:(\s|$)/;
/**
 * Labels that head a transcript's details, not anyone's speech: `Date: 14 May 2024` is not a
 * speaker called Date. They stay as notes.
 */
const DETAIL_LABELS = new Set([
  "date",
  "time",
  "location",
  "place",
  "venue",
  "setting",
  "note",
  "notes",
  "duration",
  "length",
  "recorded",
  "recording",
  "transcribed by",
  "transcriber",
  "transcription",
  "project",
  "study",
  "file",
  "filename",
  "title",
  "subject",
  "topic",
  "keywords",
  "present",
  "attendees",
  "source",
  "language",
  "mode",
  "format",
  "interview date",
  "date of interview",
]);

/** Whether `label` names a detail of the transcript (see {@link DETAIL_LABELS}). */
function isDetailLabel(label: string): boolean {
  return DETAIL_LABELS.has(label.trim().toLowerCase());
}
const RST_ADORNMENT = /^([=\-^~"'`#*+_.:])\1{2,}\s*$/;
const MARKDOWN_HEADING = /^#{1,6}\s+(.+?)\s*#*$/;
const STAGE_DIRECTION = /^(\*\(.*\)\*|\*[^*].*[^*]\*|\(.*\)|\[.*\]|_\(.*\)_)$/;

/** Seconds in `h:mm:ss`, `mm:ss` or `m:ss.fff`. */
export function parseClock(clock: string): number {
  const parts = clock.replace(",", ".").split(":").map(Number);
  return parts.reduce((total, part) => total * 60 + part, 0);
}

function looksLikeName(label: string): boolean {
  const words = label.trim().split(/\s+/);
  if (words.length > 6) return false;
  if (/[.?!;"“”]$/.test(label) || /https?$/i.test(label)) return false;
  if (/^\d+$/.test(label.trim())) return false;
  return /^[\p{Lu}\p{N}]/u.test(label.trim());
}

function matchLabel(line: string): LabelMatch | null {
  const timed = LEADING_TIME.exec(line);
  if (timed) {
    const rest = matchLabel(timed[2] as string);
    if (rest && rest.start === undefined)
      return { ...rest, start: parseClock(timed[1] as string), distinctive: true };
  }
  const otter = OTTER_LABEL.exec(line);
  if (otter && looksLikeName(otter[1] as string)) {
    return {
      speaker: (otter[1] as string).trim(),
      rest: "",
      start: parseClock(otter[2] as string),
      distinctive: true,
    };
  }
  const label = matchAnyLabel(line);
  return label && isDetailLabel(label.speaker) ? null : label;
}

function matchAnyLabel(line: string): LabelMatch | null {
  let m = BOLD_COLON_OUTSIDE.exec(line) ?? BOLD_COLON_INSIDE.exec(line);
  if (m) return { speaker: (m[1] as string).trim(), rest: m[2] ?? "", distinctive: true };
  m = TIMED_LABEL.exec(line);
  if (m && looksLikeName(m[1] as string)) {
    return {
      speaker: (m[1] as string).trim(),
      rest: m[3] ?? "",
      start: parseClock(m[2] as string),
      distinctive: true,
    };
  }
  m = BRACKET_ID.exec(line);
  if (m) return { speaker: m[1] as string, rest: m[2] ?? "", distinctive: false };
  m = PLAIN_LABEL.exec(line);
  if (m && looksLikeName(m[1] as string))
    return { speaker: (m[1] as string).trim(), rest: m[2] ?? "", distinctive: false };
  return null;
}

/** Edit distance, for spotting a misspelt speaker label ("Particpant" for "Participant"). */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
    }
    previous = current;
  }
  return previous[b.length] as number;
}

function cleanMarkup(text: string, flavour: TextFlavour): string {
  let cleaned = text;
  if (flavour !== "text") {
    cleaned = cleaned
      .replace(/\*\*([^*]+)\*\*/g, "$1")
      .replace(/(^|[\s(])\*([^*\s][^*]*?)\*(?=[\s).,;:!?]|$)/g, "$1$2")
      .replace(/\\([\\`*_{}[\]()#+\-.!|>~"'])/g, "$1");
  }
  return cleaned.replace(/[ \t]+/g, " ").trim();
}

/** A paragraph of the source: its lines, and whether it is a heading (and of which level). */
export interface SourceParagraph {
  readonly lines: string[];
  readonly heading: boolean;
  /** A heading's level, 1 at the top. */
  readonly level?: number;
}

/** Splits text into paragraphs, recognising headings (rst underlines and overlines, Markdown #). */
function sourceParagraphs(text: string, flavour: TextFlavour): SourceParagraph[] {
  const lines = text.split("\n");
  const paragraphs: SourceParagraph[] = [];
  // reStructuredText ranks its heading styles in the order a document first uses them.
  const styles: string[] = [];
  const rstLevel = (style: string) => {
    if (!styles.includes(style)) styles.push(style);
    return Math.min(3, styles.indexOf(style) + 1);
  };
  let current: string[] = [];
  const flush = () => {
    if (current.length > 0) paragraphs.push({ lines: current, heading: false });
    current = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).trimEnd();
    const next = lines[i + 1]?.trimEnd() ?? "";
    if (
      flavour === "restructuredtext" &&
      RST_ADORNMENT.test(line) &&
      line.trim() !== "" &&
      lines[i + 2] !== undefined
    ) {
      // Overline: adornment, title, adornment.
      const title = lines[i + 1]?.trim() ?? "";
      if (title && RST_ADORNMENT.test(lines[i + 2]?.trimEnd() ?? "")) {
        flush();
        paragraphs.push({ lines: [title], heading: true, level: rstLevel(`over${line.trim()[0]}`) });
        i += 2;
        continue;
      }
    }
    if (
      flavour === "restructuredtext" &&
      line.trim() !== "" &&
      RST_ADORNMENT.test(next) &&
      next.trim().length >= Math.min(3, line.trim().length)
    ) {
      flush();
      paragraphs.push({ lines: [line.trim()], heading: true, level: rstLevel(next.trim()[0] as string) });
      i += 1;
      continue;
    }
    const heading = flavour === "markdown" ? MARKDOWN_HEADING.exec(line) : null;
    if (heading) {
      flush();
      const level = Math.min(3, line.length - line.replace(/^#+/, "").length);
      paragraphs.push({ lines: [heading[1] as string], heading: true, level });
      continue;
    }
    if (line.trim() === "") {
      flush();
      continue;
    }
    if (flavour !== "text" && /^(\*\s*){3,}$|^-{3,}$|^_{3,}$/.test(line.trim())) {
      flush();
      continue;
    }
    if (flavour === "restructuredtext" && current.length === 0 && RST_DIRECTIVE.test(line)) {
      // The directive and its indented body, up to the next line that is not indented.
      while (i + 1 < lines.length && (lines[i + 1]?.trim() === "" || /^\s/.test(lines[i + 1] ?? ""))) i += 1;
      continue;
    }
    if (flavour === "restructuredtext" && current.length === 0 && RST_FIELD.test(line)) continue;
    current.push(line.trim());
  }
  flush();
  return paragraphs;
}

/** A paragraph of a transcript's details: every line a `Date:`-like label (see {@link DETAIL_LABELS}). */
function isDetailParagraph(paragraph: SourceParagraph): boolean {
  return paragraph.lines.every((line) => {
    const label = matchAnyLabel(line);
    return label !== null && isDetailLabel(label.speaker);
  });
}

/**
 * Reads speaker turns from plain text, Markdown or reStructuredText. Recognises `Name:`,
 * `**Name**:`, `**Name, PhD:**`, `Name (00:01:02):` on its own line, and `[id1]`; keeps headings and
 * stage directions as notes; keeps a turn's paragraphs (joined by a newline); takes inline `[04:12]` times as
 * the turn's start. Plain and bracket labels must occur at least twice (or be a one-letter-off
 * misspelling of one that does) so that an ordinary sentence with a colon is not taken for a speaker.
 */
export function parseLabelledText(
  text: string,
  flavour: TextFlavour,
): { blocks: DraftBlock[]; warnings: string[] } {
  return parseParagraphs(sourceParagraphs(text, flavour), flavour);
}

/** {@link parseLabelledText} for a source already in paragraphs (a Word file's, with its headings). */
export function parseParagraphs(
  paragraphs: readonly SourceParagraph[],
  flavour: TextFlavour,
): { blocks: DraftBlock[]; warnings: string[] } {
  const counts = new Map<string, number>();
  let distinctiveLabels = 0;
  for (const paragraph of paragraphs) {
    if (paragraph.heading) continue;
    for (const line of paragraph.lines) {
      const match = matchLabel(line);
      if (!match) continue;
      counts.set(match.speaker, (counts.get(match.speaker) ?? 0) + 1);
      if (match.distinctive) distinctiveLabels += 1;
    }
  }
  // A transcript that marks speakers in bold or with times uses that convention throughout; a plain
  // "And she says:" inside such a turn is quoted speech, not a new speaker.
  const distinctiveOnly = distinctiveLabels >= 2;
  const recurring = [...counts].filter(([, count]) => count >= 2).map(([label]) => label);
  if (distinctiveOnly) {
    for (const paragraph of paragraphs) {
      for (const line of paragraph.heading ? [] : paragraph.lines) {
        const match = matchLabel(line);
        if (match && !match.distinctive) counts.delete(match.speaker);
      }
    }
  }
  const warnings: string[] = [];
  const misspelt = new Map<string, string>();
  for (const [label, count] of counts) {
    if (count !== 1 || distinctiveOnly) continue;
    const near = recurring.find(
      (other) => label.length >= 4 && editDistance(label.toLowerCase(), other.toLowerCase()) <= 2,
    );
    if (near) {
      misspelt.set(label, near);
      warnings.push(
        `“${label}” appears once and looks like a misspelling of “${near}”; merge them in the preview if so.`,
      );
    }
  }
  const recurs = (match: LabelMatch) =>
    match.distinctive ||
    (!distinctiveOnly && ((counts.get(match.speaker) ?? 0) >= 2 || misspelt.has(match.speaker)));
  // In a transcript where most paragraphs open with a speaker label, a paragraph that opens with a
  // label-like name is a speaker too, even one who speaks only once.
  const body = paragraphs.filter((paragraph) => !paragraph.heading && !isDetailParagraph(paragraph));
  const opened = body.filter((paragraph) => matchLabel(paragraph.lines[0] as string) !== null).length;
  const labelledLines = body.reduce(
    (n, paragraph) => n + paragraph.lines.filter((line) => matchLabel(line) !== null).length,
    0,
  );
  const mostlyLabelled = !distinctiveOnly && body.length >= 2 && opened / body.length >= 0.6;
  // A short transcript whose every paragraph opens with a label (`Interviewer: …` then
  // `Participant: …`, on two lines) has its speakers at the start of every labelled line.
  const labelledThroughout = !distinctiveOnly && labelledLines >= 2 && opened === body.length;
  const accepted = (match: LabelMatch, opensParagraph = false) =>
    recurs(match) || labelledThroughout || (mostlyLabelled && opensParagraph);

  const blocks: DraftBlock[] = [];
  // A turn's lines, paragraph by paragraph of the source.
  let turn: { speaker: string | null; parts: string[][]; start?: number } | null = null;
  const endTurn = () => {
    if (!turn) return;
    let start = turn.start;
    const cleaned = turn.parts
      .map((lines) =>
        cleanMarkup(
          lines.join(" ").replace(INLINE_TIME, (_, clock: string) => {
            start ??= parseClock(clock);
            return "";
          }),
          flavour,
        ),
      )
      .filter((paragraph) => paragraph !== "")
      .join("\n");
    if (cleaned || turn.speaker) {
      const block: DraftTurn = {
        kind: "turn",
        speaker: turn.speaker,
        text: cleaned,
        ...(start === undefined ? {} : { start }),
      };
      blocks.push(block);
    }
    turn = null;
  };

  for (const paragraph of paragraphs) {
    if (paragraph.heading) {
      endTurn();
      blocks.push({
        kind: "heading",
        text: cleanMarkup(paragraph.lines.join(" "), flavour),
        ...(paragraph.level ? { level: paragraph.level } : {}),
      });
      continue;
    }
    if (isDetailParagraph(paragraph)) {
      endTurn();
      for (const line of paragraph.lines) blocks.push({ kind: "note", text: cleanMarkup(line, flavour) });
      continue;
    }
    const single = paragraph.lines.length === 1 ? (paragraph.lines[0] as string) : null;
    if (
      single !== null &&
      STAGE_DIRECTION.test(single) &&
      !(matchLabel(single) && accepted(matchLabel(single) as LabelMatch))
    ) {
      endTurn();
      blocks.push({ kind: "note", text: cleanMarkup(single.replace(/^[*_]+|[*_]+$/g, ""), flavour) });
      continue;
    }
    // A speaker's turn that goes on from the paragraph before starts a paragraph of its own here.
    if (turn) (turn as { parts: string[][] }).parts.push([]);
    for (const [index, line] of paragraph.lines.entries()) {
      const match = matchLabel(line);
      if (match && accepted(match, index === 0)) {
        endTurn();
        turn = {
          speaker: match.speaker,
          parts: [match.rest ? [match.rest] : []],
          ...(match.start === undefined ? {} : { start: match.start }),
        };
      } else if (turn) {
        (turn.parts[turn.parts.length - 1] as string[]).push(line);
      } else {
        turn = { speaker: null, parts: [[line]] };
      }
    }
    // An unattributed paragraph stands alone; a speaker's turn may go on in the next paragraph.
    if (turn && (turn as { speaker: string | null }).speaker === null) endTurn();
  }
  endTurn();
  return { blocks, warnings };
}
