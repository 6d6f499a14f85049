import {
  CODE_HISTORY_FIELDS,
  type CodeEntry,
  listCodes,
  MAX_CODE_DEPTH,
  MAX_CODES,
  nestingFits,
} from "@concord/schema";
import type { Insertion, TypePlace, UpdateChanges } from "@concord/sync";
import * as Y from "yjs";
import { isRoot } from "./places";

type Problem = string | null;

/**
 * The live value under `key` of a map-like type. Read through the type's entries: a root the
 * server has only loaded from storage is a bare type whose `get` Yjs adds once someone asks for it
 * as a map.
 */
// biome-ignore lint/suspicious/noExplicitAny: Yjs types are invariant in their event type.
function liveValue(type: Y.AbstractType<any> | null | undefined, key: string): unknown {
  const item = type?._map.get(key);
  return item && !item.deleted ? item.content.getContent().at(-1) : undefined;
}

/** A code's map in the codebook: a map type directly under the `codes` root. */
function isCodeMap(place: TypePlace): boolean {
  return place.kind === "map" && isRoot(place.parent, "codes") && place.key !== null;
}

/**
 * The last value an update writes under each key of each type, in the order Yjs integrates them:
 * what the key holds once the update is applied. (A client that sets a key twice before it is sent,
 * or comes back from working offline, sends the earlier values as deleted content.)
 */
function finalValues(changes: UpdateChanges): Map<TypePlace, Map<string, Insertion>> {
  const finals = new Map<TypePlace, Map<string, Insertion>>();
  for (const insertion of changes.insertions) {
    if (insertion.key === null) continue;
    const keys = finals.get(insertion.parent) ?? new Map<string, Insertion>();
    finals.set(insertion.parent, keys);
    keys.set(insertion.key, insertion);
  }
  return finals;
}

/**
 * Keys whose live value an update leaves deleted by writing deleted content over it (an overwrite
 * with nothing, which no delete set shows), by type.
 */
export function keysEmptiedByOverwrite(changes: UpdateChanges): { parent: TypePlace; key: string }[] {
  const emptied: { parent: TypePlace; key: string }[] = [];
  // Several values under one key: ask the document as the update leaves it which survives.
  const twice = writesAKeyTwice(changes, (parent) => isRoot(parent, "memoEdits"));
  for (const [parent, keys] of finalValues(changes)) {
    for (const [key, last] of keys) {
      const hadValue = changes.insertions.some(
        (i) => i.parent === parent && i.key === key && i.replaces !== null,
      );
      if (!hadValue) continue;
      const gone = twice ? survivingValueIsGone(changes, parent, key) : last.content.kind === "deleted";
      if (gone) emptied.push({ parent, key });
    }
  }
  return emptied;
}

/** Whether, once the update is applied, the key of a root map (`memoEdits`, `codes`) holds nothing. */
function survivingValueIsGone(changes: UpdateChanges, parent: TypePlace, key: string): boolean {
  if (parent.kind !== "root" || parent.name === null) return false;
  return changes.after().getMap(parent.name).get(key) === undefined;
}

/** Whether the update writes more than one value under some key of a type: then which one Yjs keeps is Yjs's to say. */
function writesAKeyTwice(changes: UpdateChanges, where: (parent: TypePlace) => boolean): boolean {
  for (const [parent, keys] of finalValues(changes)) {
    if (!where(parent)) continue;
    for (const key of keys.keys()) {
      if (changes.insertions.filter((i) => i.parent === parent && i.key === key).length > 1) return true;
    }
  }
  return false;
}

const NEVER_DELETED = "codes and their fields are never deleted: archive or merge a code";

/** The code ids an update writes to or deletes from, and the codebook's type as it stands. */
function touchedCodes(changes: UpdateChanges): { ids: Set<string>; codes: TypePlace | null } {
  const ids = new Set<string>();
  let codes: TypePlace | null = null;
  const note = (parent: TypePlace, key: string | null) => {
    if (isRoot(parent, "codes")) {
      codes = parent;
      if (key !== null) ids.add(key);
    } else if (isCodeMap(parent)) {
      codes = parent.parent;
      ids.add(parent.key as string);
    }
  };
  for (const insertion of changes.insertions) note(insertion.parent, insertion.key);
  for (const deletion of changes.deletions) note(deletion.parent, deletion.key);
  return { ids, codes };
}

/** Whether following `key` (parentId or mergedInto) from `id` in `codes` comes back to `id`. */
function loops(codes: Y.Map<unknown>, id: string, key: "parentId" | "mergedInto"): boolean {
  const seen = new Set<string>([id]);
  for (let next = (codes.get(id) as Y.Map<unknown>).get(key); typeof next === "string"; ) {
    if (seen.has(next)) return true;
    seen.add(next);
    const code = codes.get(next);
    next = code instanceof Y.Map ? code.get(key) : undefined;
  }
  return false;
}

/** The fields of one code an accepted update changed, each before and after (null before: new). */
export interface CodeFieldChanges {
  readonly codeId: string;
  /** Whether the update creates the code. */
  readonly created: boolean;
  readonly fields: Readonly<Record<string, { readonly before: unknown; readonly after: unknown }>>;
}

/** What an update does to the codebook: why it may not, or the fields it changes. */
export interface CodebookChange {
  readonly problem: Problem;
  readonly changed: readonly CodeFieldChanges[];
}

const HISTORY_FIELDS: ReadonlySet<string> = new Set(CODE_HISTORY_FIELDS);

/**
 * What an update may not do to the codebook as a whole, beyond each value's own rule, read from
 * the document as the update leaves it (`UpdateChanges.after`: which of several values written
 * under one key survives is Yjs's to say, not the update's order): delete a code or a field
 * (codes are archived or merged); change a code without naming its writer in `updatedBy`; create
 * a code in someone else's name; put a code under, or merge it into, a code that does not exist,
 * or into itself through others (a circle would hang every reader that walks up the tree).
 * Also reads, for the code's history, which of its fields the update changes, before and after.
 */
export function readCodebookChange(changes: UpdateChanges, writerId: string): CodebookChange {
  const { ids, codes } = touchedCodes(changes);
  const changed: CodeFieldChanges[] = [];
  const refused = (problem: string): CodebookChange => ({ problem, changed: [] });
  if (ids.size === 0) return { problem: null, changed };
  const before = (codes as TypePlace | null)?.type ?? null;
  const after = changes.after().getMap("codes");
  // The codebook as readers see it, for the nesting rule (read once, when a parent is set).
  let entries: CodeEntry[] | null = null;
  for (const id of ids) {
    const was = liveValue(before, id);
    const code = after.get(id);
    if (was instanceof Y.AbstractType) {
      if (!(code instanceof Y.Map)) return refused(NEVER_DELETED);
      let isChanged = false;
      const fields: Record<string, { before: unknown; after: unknown }> = {};
      for (const key of new Set([...was._map.keys(), ...code.keys()])) {
        const old = liveValue(was, key);
        const now = code.get(key);
        if (old !== undefined && now === undefined) return refused(NEVER_DELETED);
        if (JSON.stringify(old) === JSON.stringify(now)) continue;
        isChanged = true;
        if (HISTORY_FIELDS.has(key)) fields[key] = { before: old ?? null, after: now };
      }
      if (isChanged && code.get("updatedBy") !== writerId)
        return refused("a code change that does not say who made it");
      if (Object.keys(fields).length > 0) changed.push({ codeId: id, created: false, fields });
    } else {
      // A code key written as deleted content only leaves nothing behind.
      if (!(code instanceof Y.Map)) continue;
      if (code.get("createdBy") !== writerId || code.get("updatedBy") !== writerId) {
        return refused("a code change in someone else's name");
      }
      if (after.size > MAX_CODES)
        return refused(`a codebook holds at most ${MAX_CODES.toLocaleString("en")} codes`);
      const fields: Record<string, { before: unknown; after: unknown }> = {};
      for (const [key, value] of code.entries()) {
        if (HISTORY_FIELDS.has(key)) fields[key] = { before: null, after: value };
      }
      changed.push({ codeId: id, created: true, fields });
    }
    for (const key of ["parentId", "mergedInto"] as const) {
      const target = code.get(key);
      if (target === null || target === undefined) continue;
      if (typeof target !== "string" || target === id || !(after.get(target) instanceof Y.Map)) {
        return refused(
          key === "parentId"
            ? "a code sits only inside another code of this codebook"
            : "a code merges only into another code of this codebook",
        );
      }
      if (loops(after, id, key)) {
        return refused(
          key === "parentId"
            ? "a code cannot sit inside itself, through others"
            : "codes cannot merge into each other in a circle",
        );
      }
      entries ??= listCodes(changes.after());
      if (key === "parentId" && !nestingFits(entries, id, target)) {
        return refused(`codes nest at most ${MAX_CODE_DEPTH} levels deep`);
      }
    }
  }
  return { problem: null, changed };
}
