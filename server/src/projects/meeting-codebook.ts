import {
  CODE_HISTORY_FIELDS,
  type CodeEntry,
  codebookShapeProblem,
  codeNamed,
  createCode,
  type EditableCodeFields,
  formatRoomName,
  listCodes,
  mergeCode,
  updateCode,
} from "@concord/schema";
import type { RoomDocuments } from "../sync/room-documents";
import type { CodeChange, CodeChangeCause, CodeHistory, FieldChange, NewCodeChange } from "./code-history";

/** The definition of a code as a meeting refines it, or gives a code split off another. */
export interface Definition {
  readonly name?: string;
  readonly description?: string;
  readonly inclusion?: string;
  readonly exclusion?: string;
  readonly example?: string;
}

/** A change a meeting makes to the codebook. */
export type MeetingCodebookChange =
  | ({ readonly kind: "refine"; readonly codeId: string } & Definition)
  | { readonly kind: "merge"; readonly codeId: string; readonly intoId: string }
  | {
      readonly kind: "split";
      readonly codeId: string;
      /** The codes it is split into (new codes, beside it). */
      readonly into: readonly (Definition & { readonly name: string })[];
      /** Whether the code itself is archived once split (its codings stay, to be coded again). */
      readonly archiveOriginal: boolean;
    };

/** Thrown for a change that does not fit the codebook as it stands: the message says why. */
export class CodebookChangeRefused extends Error {
  override readonly name = "CodebookChangeRefused";
}

/** The fields that differ between two readings of a code (`before` null: the code is new). */
function fieldsChanged(before: CodeEntry | null, after: CodeEntry): Record<string, FieldChange> {
  const fields: Record<string, FieldChange> = {};
  for (const key of CODE_HISTORY_FIELDS) {
    if (before && before[key] === after[key]) continue;
    fields[key] = { before: before ? before[key] : null, after: after[key] };
  }
  return fields;
}

function liveCode(codes: readonly CodeEntry[], id: string, what: string): CodeEntry {
  const code = codes.find((c) => c.id === id);
  if (!code || code.mergedInto !== null)
    throw new CodebookChangeRefused(`${what} is not a code of this codebook (or it was merged).`);
  return code;
}

/**
 * Makes a meeting's change to the project's codebook, as the server, in `actorId`'s name, and
 * writes each code it touches into the code's history with the meeting's item (and its decision)
 * as the cause. Checked against the codebook inside the change itself, so that it fits the
 * codebook as it is when it is made. Returns the history entries written.
 */
export async function changeCodebookInMeeting(
  rooms: RoomDocuments,
  history: CodeHistory,
  input: {
    readonly projectId: string;
    readonly actorId: string;
    readonly change: MeetingCodebookChange;
    readonly cause: CodeChangeCause;
  },
): Promise<CodeChange[]> {
  const { projectId, actorId, change, cause } = input;
  const at = Date.now();
  const made = await rooms.change(formatRoomName({ kind: "project", projectId }), (doc) => {
    const before = listCodes(doc);
    const code = liveCode(before, change.codeId, "The code to change");
    if (code.archived)
      throw new CodebookChangeRefused(
        `“${code.name}” is archived: bring it back into use before changing it.`,
      );
    // What the change is called in each code's history it touches: the code itself, and others.
    let kind: NewCodeChange["kind"];
    let note = "";
    const notes = new Map<string, string>();
    if (change.kind === "refine") {
      const { kind: _kind, codeId: _codeId, ...definition } = change;
      const fields = Object.entries(definition).filter(
        ([key, value]) => value !== undefined && value !== code[key as keyof typeof definition],
      );
      if (fields.length === 0)
        throw new CodebookChangeRefused("Say what to change: the refined fields are as they were.");
      if (definition.name !== undefined) {
        const same = codeNamed(before, definition.name);
        if (same && same.id !== code.id)
          throw new CodebookChangeRefused(`There is a code "${same.name}" already.`);
      }
      updateCode(doc, code.id, Object.fromEntries(fields) as EditableCodeFields, actorId);
      kind = "edit";
    } else if (change.kind === "merge") {
      const into = liveCode(before, change.intoId, "The code to merge into");
      if (into.id === code.id) throw new CodebookChangeRefused("A code is not merged into itself.");
      if (into.archived)
        throw new CodebookChangeRefused(
          `“${into.name}” is archived: its codings would count towards a code nobody sees.`,
        );
      mergeCode(doc, code.id, into.id, actorId);
      kind = "merge";
      note = `merged into "${into.name}"`;
      for (const child of before.filter((c) => c.parentId === code.id))
        notes.set(child.id, `moved into "${into.name}" when "${code.name}" was merged into it`);
    } else {
      const names = new Set<string>();
      for (const part of change.into) {
        const key = part.name.trim().replace(/\s+/g, " ").toLowerCase();
        const same = codeNamed(before, part.name);
        if (same || names.has(key))
          throw new CodebookChangeRefused(`There is a code "${same?.name ?? part.name}" already.`);
        names.add(key);
      }
      for (const part of change.into) {
        const id = createCode(doc, { name: part.name, parentId: code.parentId }, actorId);
        const { name: _name, ...rest } = part;
        updateCode(doc, id, rest, actorId);
        notes.set(id, `split from “${code.name}”`);
      }
      if (change.archiveOriginal) updateCode(doc, code.id, { archived: true }, actorId);
      kind = "split";
      note = `split into ${change.into.map((part) => `“${part.name.trim()}”`).join(", ")}`;
    }
    const after = listCodes(doc);
    // The rules a client's change meets (nesting, loops, the codebook's size) hold for the server's too.
    const problem = codebookShapeProblem(after);
    if (problem) throw new CodebookChangeRefused(`That would break the codebook: ${problem}.`);
    const was = new Map(before.map((c) => [c.id, c]));
    const entries: NewCodeChange[] = [];
    for (const now of after) {
      const fields = fieldsChanged(was.get(now.id) ?? null, now);
      if (now.id !== code.id && Object.keys(fields).length === 0) continue;
      entries.push({
        projectId,
        codeId: now.id,
        kind,
        fields,
        note: now.id === code.id ? note : (notes.get(now.id) ?? ""),
        actorId,
        at,
        cause,
      });
    }
    // The code the change is about comes first in its history's order of writing.
    return entries.sort((a, b) => (a.codeId === code.id ? -1 : b.codeId === code.id ? 1 : 0));
  });
  for (const entry of made) history.record(entry);
  return history.forMeeting(cause.meetingId).slice(-made.length);
}
