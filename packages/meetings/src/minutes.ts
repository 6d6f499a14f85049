import type { AgendaItem, AgreedPassage, DisagreementItem, Tolerance } from "./agenda";
import type { Outcome } from "./outcome";

/** A decision as the minutes report it. */
export interface MinutesDecision {
  readonly itemId: string;
  readonly version: number;
  readonly outcome: Outcome;
  readonly rationale: string;
  readonly attendees: readonly string[];
  readonly decidedBy: string;
  readonly decidedAt: number;
  readonly accepted: boolean;
}

/** A change a meeting made to the codebook, as the minutes report it. */
export interface MinutesCodebookChange {
  readonly itemId: string;
  readonly codeId: string;
  readonly kind: "create" | "edit" | "merge" | "split";
  /** Each changed field, before and after. */
  readonly fields: Readonly<Record<string, { readonly before: unknown; readonly after: unknown }>>;
  readonly note: string;
  readonly actorId: string | null;
  readonly at: number;
}

/** Someone who had the meeting open, first and last. */
export interface MinutesAttendance {
  readonly userId: string;
  readonly firstSeen: number;
  readonly lastSeen: number;
}

/** What the minutes are made of, with the names to write in them. */
export interface MinutesInput {
  readonly title: string;
  /** The project's name, if known. */
  readonly project?: string;
  /** For a meeting on a round: Krippendorff's alpha among its coders, and each coder's with what was decided. */
  readonly agreement?: {
    readonly unit: string;
    readonly before: number | null;
    readonly after: readonly { readonly coderId: string; readonly alpha: number | null }[];
  };
  readonly heldAt: number;
  readonly tolerance: Tolerance;
  readonly facilitatorId: string | null;
  readonly agenda: readonly AgendaItem[];
  /** Every attempt, oldest first (refused ones included: the minutes name them). */
  readonly log: readonly MinutesDecision[];
  /** Who had the meeting open (the server saw them join its room). */
  readonly attendance: readonly MinutesAttendance[];
  /** For a meeting on a round: the passages every coder coded alike, taken into the shared codings. */
  readonly agreed?: readonly AgreedPassage[];
  /** The changes the meeting made to the codebook, oldest first. */
  readonly codebookChanges: readonly MinutesCodebookChange[];
  /** The words of a disagreement's passage now, if they can be read. */
  readonly passageOf?: (item: DisagreementItem) => string | null;
  readonly nameOf: (userId: string) => string;
  /** A person's role in the project now, if it is known: the attendance says who only observed. */
  readonly roleOf?: (userId: string) => string | null;
  readonly codeName: (codeId: string) => string;
  readonly transcriptName: (transcriptId: string) => string;
}

/** One part of the minutes: a heading and its lines, shared by the Markdown and the HTML. */
interface Section {
  readonly heading: string;
  readonly level: 2 | 3;
  readonly lines: readonly { readonly kind: "text" | "item" | "quote"; readonly text: string }[];
}

const date = (at: number) => new Date(at).toISOString().replace("T", " ").slice(0, 16);

function outcomeWords(outcome: Outcome, input: MinutesInput, codeId: string | null): string {
  switch (outcome.kind) {
    case "keep":
      return `keep ${input.nameOf(outcome.coderId)}'s version`;
    case "union":
      return "the union of every version";
    case "intersection":
      return "the intersection of every version";
    case "ranges":
      return `boundaries set by hand (${outcome.ranges.map((r) => `${r.start}–${r.end}`).join(", ")})`;
    case "code":
      return `code it “${input.codeName(outcome.codeId)}” instead of “${codeId ? input.codeName(codeId) : "its code"}”`;
    case "none":
      return "no code here";
  }
}

function itemTitle(item: AgendaItem, input: MinutesInput): string {
  const where = item.transcriptId ? input.transcriptName(item.transcriptId) : "the project";
  if (item.kind === "thread")
    return `Thread on ${where}${item.codeId ? `, “${input.codeName(item.codeId)}”` : ""}`;
  const reasons = {
    presence: "applied by some, not others",
    substitution: "different codes",
    boundaries: "boundaries differ",
  };
  return `${where}, characters ${item.start}–${item.end}: “${input.codeName(item.codeId)}” (${reasons[item.reason]})`;
}

const time = (at: number) => new Date(at).toISOString().slice(11, 16);

const FIELD_NAMES: Readonly<Record<string, string>> = {
  name: "name",
  description: "definition",
  inclusion: "include when",
  exclusion: "exclude when",
  example: "example",
  archived: "archived",
  mergedInto: "merged into",
  parentId: "parent",
  color: "colour",
};

function fieldValue(key: string, value: unknown, input: MinutesInput): string {
  if (value === null || value === undefined || value === "") return "(none)";
  if ((key === "mergedInto" || key === "parentId") && typeof value === "string")
    return `“${input.codeName(value)}”`;
  if (typeof value === "boolean") return value ? "yes" : "no";
  return `“${String(value)}”`;
}

/** A codebook change in words: what happened to which code, and each field before and after. */
function changeWords(change: MinutesCodebookChange, input: MinutesInput): string {
  const code = `“${input.codeName(change.codeId)}”`;
  const what =
    change.kind === "edit"
      ? `${code} refined`
      : change.kind === "merge"
        ? `${code} ${change.note || "merged"}`
        : change.kind === "split"
          ? `${code} ${change.note}`
          : `${code} created`;
  const fields =
    change.kind === "edit"
      ? Object.entries(change.fields).map(
          ([key, { before, after }]) =>
            `${FIELD_NAMES[key] ?? key}: ${fieldValue(key, before, input)} → ${fieldValue(key, after, input)}`,
        )
      : [];
  const who = change.actorId ? `, by ${input.nameOf(change.actorId)}` : "";
  return `${what}${fields.length ? ` (${fields.join("; ")})` : ""}${who}, ${date(change.at)} UTC`;
}

/** How much of a passage the minutes quote, in characters. */
const QUOTED = 300;

/** A disagreement's passage, quoted (at most {@link QUOTED} characters); null if it cannot be read. */
function passageQuote(item: AgendaItem, input: MinutesInput): string | null {
  if (item.kind !== "disagreement") return null;
  const words = input.passageOf?.(item)?.trim();
  if (!words) return null;
  const chars = [...words];
  return `“${chars.length > QUOTED ? `${chars.slice(0, QUOTED).join("").trimEnd()}…` : words}”`;
}

/** Agreement before and after, in one sentence. */
function agreementWords(agreement: NonNullable<MinutesInput["agreement"]>, input: MinutesInput): string {
  const alpha = (value: number | null) => (value === null ? "not defined" : value.toFixed(3));
  const after = agreement.after.map((a) => `${input.nameOf(a.coderId)} ${alpha(a.alpha)}`).join(", ");
  return `Krippendorff's alpha at the ${agreement.unit} unit: ${alpha(agreement.before)} among the coders before the meeting; each coder with what was decided: ${after}.`;
}

/** The passages taken as agreed, code by code: how many, in how many transcripts. */
function agreedSection(input: MinutesInput): Section[] {
  if (input.agreed === undefined) return [];
  const byCode = new Map<string, { passages: number; transcripts: Set<string> }>();
  for (const passage of input.agreed) {
    const entry = byCode.get(passage.codeId) ?? { passages: 0, transcripts: new Set<string>() };
    entry.passages += 1;
    entry.transcripts.add(passage.transcriptId);
    byCode.set(passage.codeId, entry);
  }
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  return [
    {
      heading: "Agreed by every coder",
      level: 2,
      lines: [
        {
          kind: "text",
          text: `${plural(input.agreed.length, "passage")} every coder coded alike went into the shared codings when the meeting was made.`,
        },
        ...[...byCode]
          .map(([codeId, entry]) => ({ name: input.codeName(codeId), ...entry }))
          .sort((a, b) => b.passages - a.passages || a.name.localeCompare(b.name))
          .map((entry) => ({
            kind: "item" as const,
            text: `“${entry.name}”: ${plural(entry.passages, "passage")} in ${plural(entry.transcripts.size, "transcript")}`,
          })),
      ],
    },
  ];
}

function sections(input: MinutesInput): Section[] {
  const accepted = input.log.filter((d) => d.accepted);
  const current = new Map(accepted.map((d) => [d.itemId, d]));
  // Attendance is who had the meeting open, as the server saw them join; the facilitator and the
  // deciders are named where they acted.
  const present = new Set<string>(input.attendance.map((a) => a.userId));
  const seen = new Map(input.attendance.map((a) => [a.userId, a]));
  const attendee = (id: string) => {
    const a = seen.get(id);
    return a
      ? `${input.nameOf(id)}${input.roleOf?.(id) === "observer" ? ", observer" : ""} (joined ${time(a.firstSeen)}, last joined ${time(a.lastSeen)} UTC)`
      : input.nameOf(id);
  };
  const changesOf = (itemId: string) => input.codebookChanges.filter((c) => c.itemId === itemId);
  const tolerance =
    input.tolerance.kind === "turn" ? "the same turn" : `${input.tolerance.characters} characters`;
  const result: Section[] = [
    {
      heading: "Meeting",
      level: 2,
      lines: [
        {
          kind: "text",
          text: `${input.project ? `Project ${input.project}. ` : ""}Held ${date(input.heldAt)} UTC, facilitated by ${input.facilitatorId ? input.nameOf(input.facilitatorId) : "nobody"}.`,
        },
        {
          kind: "text",
          text: `Boundaries agreed within ${tolerance}. ${current.size} of ${input.agenda.length} items decided.`,
        },
        ...(input.agreement ? [{ kind: "text" as const, text: agreementWords(input.agreement, input) }] : []),
      ],
    },
    {
      heading: "Attendance",
      level: 2,
      lines: [...present].map((id) => ({ kind: "item" as const, text: attendee(id) })),
    },
    ...agreedSection(input),
    { heading: "Decisions", level: 2, lines: [] },
  ];
  input.agenda.forEach((item, i) => {
    const decision = current.get(item.id);
    if (!decision) return;
    const quote = passageQuote(item, input);
    const earlier = input.log.filter((d) => d.itemId === item.id && d !== decision);
    result.push({
      heading: `${i + 1}. ${itemTitle(item, input)}`,
      level: 3,
      lines: [
        ...(quote ? [{ kind: "item" as const, text: `Passage: ${quote}` }] : []),
        { kind: "item", text: `Decided: ${outcomeWords(decision.outcome, input, item.codeId)}.` },
        {
          kind: "item",
          text: `By ${input.nameOf(decision.decidedBy)}, ${date(decision.decidedAt)} UTC (version ${decision.version}).`,
        },
        ...changesOf(item.id).map((c) => ({
          kind: "item" as const,
          text: `Codebook: ${changeWords(c, input)}.`,
        })),
        ...earlier.map((d) => ({
          kind: "item" as const,
          text: `${d.accepted ? "Earlier version" : "Not taken (decided meanwhile by someone else)"}: ${outcomeWords(d.outcome, input, item.codeId)}, by ${input.nameOf(d.decidedBy)}, ${date(d.decidedAt)} UTC.${d.accepted && d.rationale.trim() && d.rationale.trim() !== decision.rationale.trim() ? ` Its rationale: “${d.rationale.trim()}”` : ""}`,
        })),
        ...(decision.rationale.trim()
          ? decision.rationale
              .trim()
              .split(/\r\n|\r|\n|\u2028|\u2029/)
              .map((line) => ({ kind: "quote" as const, text: line }))
          : [{ kind: "text" as const, text: "No rationale was written." }]),
      ],
    });
  });
  result.push({
    heading: "Codebook changes",
    level: 2,
    lines: input.codebookChanges.length
      ? input.codebookChanges.map((c) => {
          const at = input.agenda.findIndex((item) => item.id === c.itemId);
          return {
            kind: "item" as const,
            text: `${changeWords(c, input)}${at >= 0 ? ` (item ${at + 1})` : ""}.`,
          };
        })
      : [{ kind: "text", text: "None." }],
  });
  const open = input.agenda.filter((item) => !current.has(item.id));
  result.push({
    heading: "Open items",
    level: 2,
    lines: open.length
      ? open.map((item) => {
          const words = passageQuote(item, input);
          return {
            kind: "item" as const,
            text: words ? `${itemTitle(item, input)}: ${words}` : itemTitle(item, input),
          };
        })
      : [{ kind: "text", text: "None." }],
  });
  return result;
}

/**
 * A value as Markdown text: the punctuation Markdown and HTML give meaning to is escaped, so that a
 * name, a code or a rationale reads as written and never as markup.
 */
function markdownText(text: string): string {
  // One line: a value's line breaks (LF, CR or both) become spaces, so that nothing it holds can
  // start a block of its own (a heading, a list, an underline). Brackets escaped, no link or image
  // can form, so parentheses may stay as they read.
  return text.replace(/[\r\n\u2028\u2029]+/g, " ").replace(/[\\`*_[\]<>~|&#]/g, "\\$&");
}

/** A line of text as Markdown: escaped, and never read as a list or an underline by how it begins. */
function markdownLine(text: string): string {
  return markdownText(text).replace(/^(\s*)([-+=]|\d+(?=[.)]))/, "$1\\$2");
}

/** The minutes as Markdown: the meeting, attendance, each decision with its rationale, open items. */
export function minutesMarkdown(input: MinutesInput): string {
  const out = [`# Minutes: ${markdownText(input.title)}`, ""];
  for (const section of sections(input)) {
    out.push(`${"#".repeat(section.level)} ${markdownText(section.heading)}`, "");
    let previous: string | null = null;
    for (const line of section.lines) {
      // A quote stands apart from the list before it.
      if (previous !== null && previous !== line.kind && (line.kind === "quote" || previous === "quote"))
        out.push("");
      const text = markdownLine(line.text);
      out.push(line.kind === "item" ? `- ${text}` : line.kind === "quote" ? `> ${text}` : text);
      previous = line.kind;
    }
    if (section.lines.length > 0) out.push("");
  }
  return `${out.join("\n").trimEnd()}\n`;
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string,
  );

/** The minutes as a printable HTML page, everything written escaped. */
export function minutesHtml(input: MinutesInput): string {
  const body: string[] = [`<h1>Minutes: ${escapeHtml(input.title)}</h1>`];
  for (const section of sections(input)) {
    body.push(`<h${section.level}>${escapeHtml(section.heading)}</h${section.level}>`);
    const items = section.lines.filter((l) => l.kind === "item");
    const quotes = section.lines.filter((l) => l.kind === "quote");
    for (const line of section.lines.filter((l) => l.kind === "text"))
      body.push(`<p>${escapeHtml(line.text)}</p>`);
    if (items.length) body.push(`<ul>${items.map((l) => `<li>${escapeHtml(l.text)}</li>`).join("")}</ul>`);
    if (quotes.length)
      body.push(`<blockquote>${quotes.map((l) => `<p>${escapeHtml(l.text)}</p>`).join("")}</blockquote>`);
  }
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Minutes: ${escapeHtml(input.title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1f2328}blockquote{border-left:4px solid #d0d7de;margin:0.5rem 0;padding-left:0.75rem}@media print{body{margin:0}}</style>
</head><body>
${body.join("\n")}
</body></html>
`;
}
