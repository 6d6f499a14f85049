import { isId, mayWriteLayer, type Role, type RoundFacts } from "@concord/schema";
import type {
  ContentValue,
  Deletion,
  Insertion,
  PolicyVerdict,
  TypePlace,
  UpdateChanges,
} from "@concord/sync";
import * as Y from "yjs";
import { type CodeFieldChanges, keysEmptiedByOverwrite, readCodebookChange } from "./codebook-rules";
import { coderOf, isPlausibleTime, parseNewCoding, readStoredCoding } from "./coding-values";
import { memoShape, transcriptShape } from "./document-shapes";
import { isRoot, rootName, singleValue } from "./places";
import { richTextProblem } from "./rich-text-shapes";

/** Who sent an update, as the server knows them now. */
export interface Writer {
  readonly userId: string;
  readonly role: Role;
  /** Whether the project's codebook is locked (coders may not change it then). */
  readonly codebookLocked: boolean;
  /**
   * Whether the writer codes this transcript blind in a round not yet revealed: their codings and
   * notes go to their layer, and nothing of theirs into the transcript's shared codings or memo.
   */
  readonly codesBlind?: boolean;
}

/** A coding that someone other than its coder removed (owners may), to record and tell its coder. */
export interface CodingRemoved {
  readonly kind: "coding-removed";
  readonly codingId: string;
  readonly coderId: string;
  readonly codeId: string | null;
  readonly quote: string;
  readonly removedBy: string;
}

/** A code whose fields an accepted update changed, for the code's history (its writer is the update's). */
export interface CodeChanged extends CodeFieldChanges {
  readonly kind: "code-changed";
}

/** The facts an accepted update leaves to record. */
export type PolicyEffect = CodingRemoved | CodeChanged;

type Problem = string | null;

const refuse = (reason: string): PolicyVerdict => ({ accepted: false, reason });

/** Whether a deletion is the old value of a key the same update sets again (an overwrite). */
function overwritten(deletion: Deletion, changes: UpdateChanges): boolean {
  return (
    deletion.key !== null &&
    changes.insertions.some((i) => i.parent === deletion.parent && i.key === deletion.key)
  );
}

function memoEditProblem(
  insertion: Insertion,
  writer: Writer,
  keyAllowed: (key: string) => boolean,
  now: number,
): Problem {
  if (!isRoot(insertion.parent)) return "memo edits hold only records";
  if (insertion.key === null || !keyAllowed(insertion.key)) return "a memo edit for no memo of this document";
  if (insertion.content.kind === "deleted") return null;
  const record = singleValue(insertion.content) as { by?: unknown; at?: unknown } | undefined;
  if (typeof record !== "object" || record === null) return "a memo edit that is not a record";
  if (record.by !== writer.userId) return "a memo edit in someone else's name";
  if (!isPlausibleTime(record.at, now)) return "a memo edit without a time that can be";
  if (Object.keys(record).some((k) => k !== "by" && k !== "at"))
    return "a memo edit with more than who and when";
  return null;
}

function memoProblem(insertion: Insertion): Problem {
  return richTextProblem(memoShape, insertion.parent, insertion.key, insertion.content);
}

const canWriteShared = (writer: Writer) => writer.role === "owner" || writer.role === "coder";

/**
 * The rules of a transcript's document (`transcript.<p>.<t>`):
 * - `content` (the text, speakers, times, turns): owners only, in the transcript schema's shapes;
 * - `codings`: a new coding's coder is its writer; only a coding's coder changes it; its coder or an
 *   owner removes it (an owner's removal of someone else's is an effect, to be recorded); values are
 *   well-formed codings;
 * - `memo:transcript` and its record in `memoEdits`: memo shapes, records in the writer's name;
 * - nothing else.
 */
/**
 * A turn holds one paragraph or more (`turn > paragraph+`): an update that writes or removes turns
 * or paragraphs is checked on the document as it leaves it (a paragraph it adds and deletes again
 * counts for nothing). Only such updates, which an owner's corrections never are, pay for the copy.
 */
function emptiedTurnProblem(changes: UpdateChanges): Problem {
  const structural = (content: ContentValue) =>
    content.kind === "type" && (content.type.name === "paragraph" || content.type.name === "turn");
  const touches =
    changes.insertions.some((i) => rootName(i.parent) === "content" && structural(i.content)) ||
    changes.deletions.some((d) => rootName(d.parent) === "content" && structural(d.content));
  if (!touches) return null;
  for (const block of changes.after().getXmlFragment("content").toArray()) {
    if (!(block instanceof Y.XmlElement) || block.nodeName !== "turn") continue;
    if (!block.toArray().some((child) => child instanceof Y.XmlElement))
      return "a turn holds at least one paragraph";
  }
  return null;
}

export function reviewTranscriptUpdate(changes: UpdateChanges, writer: Writer, now: number): PolicyVerdict {
  if (!canWriteShared(writer)) return refuse("observers only read");
  if (writer.codesBlind) {
    const touched = [...changes.insertions, ...changes.deletions].map((change) => rootName(change.parent));
    if (touched.some((root) => root !== "content"))
      return refuse(
        "you code this transcript blind in a round: until it is revealed, your codings and notes go to your own layer",
      );
  }
  for (const insertion of changes.insertions) {
    const problem = transcriptInsertionProblem(insertion, writer, now);
    if (problem) return refuse(problem);
  }
  const emptied = emptiedTurnProblem(changes);
  if (emptied) return refuse(emptied);
  if (keysEmptiedByOverwrite(changes).some(({ parent }) => rootName(parent) === "memoEdits")) {
    return refuse("a memo's record of who edited it is never deleted");
  }
  const effects: PolicyEffect[] = [];
  for (const deletion of changes.deletions) {
    const root = rootName(deletion.parent);
    if (root === "content") {
      if (writer.role !== "owner") return refuse("only owners correct the text");
    } else if (root === "codings") {
      if (!isRoot(deletion.parent) || overwritten(deletion, changes)) continue;
      const value = singleValue(deletion.content);
      if (typeof readStoredCoding(value).decisionId === "string")
        return refuse("a decided coding changes only when its decision is reopened in the meeting");
      const coderId = coderOf(value);
      if (coderId === writer.userId) continue;
      if (writer.role !== "owner") return refuse("only its coder or an owner removes a coding");
      const coding = readStoredCoding(value);
      effects.push({
        kind: "coding-removed",
        codingId: deletion.key ?? "",
        coderId: coderId ?? "",
        codeId: typeof coding.codeId === "string" ? coding.codeId : null,
        quote: typeof coding.anchor?.quote?.exact === "string" ? coding.anchor.quote.exact.slice(0, 500) : "",
        removedBy: writer.userId,
      });
    } else if (root === "memoEdits") {
      if (!overwritten(deletion, changes)) return refuse("a memo's record of who edited it is never deleted");
    } else if (root !== "memo:transcript") {
      return refuse(`a transcript has no "${root}"`);
    }
  }
  return { accepted: true, effects };
}

function transcriptInsertionProblem(insertion: Insertion, writer: Writer, now: number): Problem {
  const root = rootName(insertion.parent);
  switch (root) {
    case "content":
      if (writer.role !== "owner") return "only owners correct the text";
      return richTextProblem(transcriptShape, insertion.parent, insertion.key, insertion.content);
    case "codings":
      return codingInsertionProblem(insertion, writer, now);
    case "memo:transcript":
      return memoProblem(insertion);
    case "memoEdits":
      return memoEditProblem(insertion, writer, (key) => key === "transcript", now);
    default:
      return `a transcript has no "${root}"`;
  }
}

function codingInsertionProblem(insertion: Insertion, writer: Writer, now: number): Problem {
  if (!isRoot(insertion.parent) || insertion.key === null || !isId(insertion.key)) {
    return "codings are kept by id, one level deep";
  }
  if (
    insertion.replaces &&
    typeof readStoredCoding(singleValue(insertion.replaces)).decisionId === "string"
  ) {
    return "a decided coding changes only when its decision is reopened in the meeting";
  }
  if (insertion.replaces && coderOf(singleValue(insertion.replaces)) !== writer.userId) {
    return "only its coder changes a coding";
  }
  if (insertion.content.kind === "deleted") return null;
  const coding = parseNewCoding(singleValue(insertion.content), now);
  if (typeof coding === "string") return coding;
  if (coding.coderId !== writer.userId) return "a coding in someone else's name";
  return null;
}

/** The layer a blind-round update is written into: whose it is, and its round as it stands. */
export interface LayerTarget {
  readonly coderId: string;
  readonly round: RoundFacts;
}

/**
 * The rules of a coder's layer in a round (`layer.<p>.<t>.<round>.<user>`): only its own coder
 * writes, only while the round is open, and only `codings`, each a well-formed coding in the
 * writer's name of one of the round's codes (if the round names its codes). Nothing else: no text,
 * no memo, no comments (the server writes those).
 */
export function reviewLayerUpdate(
  changes: UpdateChanges,
  writer: Writer,
  layer: LayerTarget,
  now: number,
): PolicyVerdict {
  if (layer.round.status !== "open")
    return refuse(`this round is ${layer.round.status}: its layers are kept as they are`);
  if (!mayWriteLayer(layer.round, layer.coderId, writer.userId, writer.role)) {
    return refuse("only its coder writes a layer");
  }
  for (const insertion of changes.insertions) {
    if (rootName(insertion.parent) !== "codings")
      return refuse(`a layer holds only codings, not "${rootName(insertion.parent)}"`);
    const problem = codingInsertionProblem(insertion, writer, now);
    if (problem) return refuse(problem);
    const codes = layer.round.codeIds;
    if (codes && insertion.content.kind !== "deleted") {
      const codeId = readStoredCoding(singleValue(insertion.content)).codeId;
      if (typeof codeId !== "string" || !codes.includes(codeId))
        return refuse("this round is about other codes");
    }
  }
  for (const deletion of changes.deletions) {
    if (rootName(deletion.parent) !== "codings")
      return refuse(`a layer holds only codings, not "${rootName(deletion.parent)}"`);
  }
  return { accepted: true, effects: [] };
}

/** Line breaks, controls, direction overrides and invisible characters: a name with one reads as another. */
const UNREADABLE_IN_A_NAME = /[\p{Cc}\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060\u2066-\u2069\ufeff]/u;

const CODE_FIELDS: Readonly<Record<string, (value: unknown, now: number) => boolean>> = {
  name: (v) =>
    typeof v === "string" && v.trim().length > 0 && v.length <= 200 && !UNREADABLE_IN_A_NAME.test(v),
  parentId: (v) => v === null || (typeof v === "string" && isId(v)),
  color: (v) => typeof v === "string" && /^#[0-9a-f]{6}$/i.test(v),
  description: (v) => typeof v === "string" && v.length <= 20_000,
  inclusion: (v) => typeof v === "string" && v.length <= 20_000,
  exclusion: (v) => typeof v === "string" && v.length <= 20_000,
  example: (v) => typeof v === "string" && v.length <= 20_000,
  order: (v) => typeof v === "number" && Number.isFinite(v),
  archived: (v) => typeof v === "boolean",
  mergedInto: (v) => v === null || (typeof v === "string" && isId(v)),
  createdBy: (v) => typeof v === "string" && v.length <= 64,
  createdAt: (v, now) => isPlausibleTime(v, now),
  updatedBy: (v) => typeof v === "string" && v.length <= 64,
  updatedAt: (v, now) => isPlausibleTime(v, now),
};

/** Fields a code keeps from its creation. */
const FIXED_FIELDS = new Set(["createdBy", "createdAt"]);

function codeProblem(insertion: Insertion, writer: Writer, now: number): Problem {
  const { parent, key, content } = insertion;
  if (isRoot(parent, "codes")) {
    if (key === null || !isId(key)) return "codes are kept by id";
    if (insertion.replaces) return "a code is archived or merged, never replaced";
    if (content.kind === "deleted") return null;
    return content.kind === "type" && content.type.kind === "map" ? null : "a code is a map of its fields";
  }
  if (parent.kind !== "map" || !isRoot(parent.parent, "codes") || key === null)
    return "not a place a codebook has";
  const check = CODE_FIELDS[key];
  if (!check) return `a code has no "${key}"`;
  if (content.kind === "deleted") return null;
  const value = singleValue(content);
  if (value === undefined || !check(value, now)) return `a code's ${key} of the wrong kind`;
  if (FIXED_FIELDS.has(key) && !parent.isNew) return `a code's ${key} does not change`;
  if ((key === "updatedBy" || (key === "createdBy" && parent.isNew)) && value !== writer.userId) {
    return "a code change in someone else's name";
  }
  return null;
}

/**
 * The rules of a project's document (`project.<p>`):
 * - `codes` (the codebook): owners, and coders unless it is locked; codes of the known fields with
 *   values of their kinds, in the writer's name; codes are never deleted (they are archived or merged);
 * - `memo:project`, `memo:code:<id>` and their records in `memoEdits`: memo shapes;
 * - `meta` is the server's; nothing else.
 */
export function reviewProjectUpdate(changes: UpdateChanges, writer: Writer, now: number): PolicyVerdict {
  if (!canWriteShared(writer)) return refuse("observers only read");
  const codebook = readCodebookChange(changes, writer.userId);
  const may = (root: string): Problem => {
    if (root === "codes" && writer.role !== "owner" && writer.codebookLocked) return "the codebook is locked";
    if (root === "codes" || root === "memo:project" || root === "memoEdits" || isCodeMemo(root)) return null;
    if (root === "meta") return "the project's meta is the server's";
    return `a project has no "${root}"`;
  };
  for (const insertion of changes.insertions) {
    const root = rootName(insertion.parent);
    const problem =
      may(root) ??
      (root === "codes"
        ? codeProblem(insertion, writer, now)
        : root === "memoEdits"
          ? memoEditProblem(insertion, writer, (key) => key === "project" || isCodeMemo(`memo:${key}`), now)
          : memoProblem(insertion));
    if (problem) return refuse(problem);
  }
  if (codebook.problem) return refuse(codebook.problem);
  if (keysEmptiedByOverwrite(changes).some(({ parent }) => rootName(parent) === "memoEdits")) {
    return refuse("a memo's record of who edited it is never deleted");
  }
  for (const deletion of changes.deletions) {
    const root = rootName(deletion.parent);
    const problem = may(root);
    if (problem) return refuse(problem);
    if (root === "codes" && !overwritten(deletion, changes)) {
      return refuse("codes and their fields are never deleted: archive or merge a code");
    }
    if (root === "memoEdits" && !overwritten(deletion, changes)) {
      return refuse("a memo's record of who edited it is never deleted");
    }
  }
  const effects: PolicyEffect[] = codebook.changed.map((change) => ({ kind: "code-changed", ...change }));
  return { accepted: true, effects };
}

function isCodeMemo(root: string): boolean {
  return root.startsWith("memo:code:") && isId(root.slice("memo:code:".length));
}

/** Rooms every client only reads: any change is refused. */
export function reviewServerWrittenUpdate(): PolicyVerdict {
  return refuse("this document is written by the server only");
}

export type { ContentValue, TypePlace };
