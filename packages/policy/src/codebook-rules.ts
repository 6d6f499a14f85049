import type { Insertion, TypePlace, UpdateChanges } from "@concord/sync";
import * as Y from "yjs";
import { isRoot, singleValue } from "./places";

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

/** The codebook as it stands, plus what the update writes: each code's parent and merge target. */
class CodebookAfter {
  private readonly written = new Map<string, Map<string, unknown>>();
  private readonly created = new Set<string>();

  constructor(
    // biome-ignore lint/suspicious/noExplicitAny: Yjs types are invariant in their event type.
    private readonly codes: Y.AbstractType<any> | null,
    changes: UpdateChanges,
  ) {
    for (const [parent, keys] of finalValues(changes)) {
      if (isRoot(parent, "codes")) {
        for (const [id, insertion] of keys) if (insertion.content.kind === "type") this.created.add(id);
      } else if (isCodeMap(parent)) {
        const fields = new Map<string, unknown>();
        for (const [key, insertion] of keys) fields.set(key, singleValue(insertion.content));
        this.written.set(parent.key as string, fields);
      }
    }
  }

  exists(id: string): boolean {
    return this.created.has(id) || liveValue(this.codes, id) instanceof Y.AbstractType;
  }

  field(id: string, key: string): unknown {
    const fields = this.written.get(id);
    if (fields?.has(key)) return fields.get(key);
    const map = liveValue(this.codes, id);
    return map instanceof Y.AbstractType ? liveValue(map, key) : undefined;
  }

  /** Whether following `key` (parentId or mergedInto) from `id` comes back to `id`. */
  loops(id: string, key: "parentId" | "mergedInto"): boolean {
    const seen = new Set<string>([id]);
    for (let next = this.field(id, key); typeof next === "string"; next = this.field(next, key)) {
      if (seen.has(next)) return true;
      seen.add(next);
    }
    return false;
  }

  /** The codes whose parent or merge target the update writes. */
  moved(): [string, "parentId" | "mergedInto", unknown][] {
    const moved: [string, "parentId" | "mergedInto", unknown][] = [];
    for (const [id, fields] of this.written) {
      for (const key of ["parentId", "mergedInto"] as const)
        if (fields.has(key)) moved.push([id, key, fields.get(key)]);
    }
    return moved;
  }
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

/**
 * The codebook invariants read from the document as the update leaves it (see
 * `UpdateChanges.after`): every code and field the update touches that was there is still there,
 * and parents and merge targets are codes, without circles.
 */
function codebookAfterProblem(changes: UpdateChanges): Problem {
  const before = new Map<string, Set<string>>();
  for (const insertion of changes.insertions) {
    const parent = insertion.parent;
    if (isRoot(parent, "codes") && insertion.key !== null && insertion.replaces) {
      before.set(insertion.key, before.get(insertion.key) ?? new Set());
    } else if (isCodeMap(parent) && !parent.isNew && parent.type) {
      const id = parent.key as string;
      const fields = before.get(id) ?? new Set<string>();
      for (const key of parent.type._map.keys())
        if (liveValue(parent.type, key) !== undefined) fields.add(key);
      before.set(id, fields);
    }
  }
  const codes = changes.after().getMap("codes");
  const codebook = new CodebookAfter(codes, { insertions: [] } as unknown as UpdateChanges);
  for (const [id, fields] of before) {
    const code = codes.get(id);
    if (!(code instanceof Y.Map)) return "codes and their fields are never deleted: archive or merge a code";
    for (const field of fields) {
      if (code.get(field) === undefined)
        return "codes and their fields are never deleted: archive or merge a code";
    }
    for (const key of ["parentId", "mergedInto"] as const) {
      const target = code.get(key);
      if (target === null || target === undefined) continue;
      if (
        typeof target !== "string" ||
        !codebook.exists(target) ||
        target === id ||
        codebook.loops(id, key)
      ) {
        return key === "parentId"
          ? "a code cannot sit inside itself, through others"
          : "codes cannot merge into each other in a circle";
      }
    }
  }
  return null;
}

/**
 * What an update may not do to the codebook as a whole, beyond each field's own rule: empty a field
 * by overwriting it with nothing (codes and their fields are never deleted); change a colleague's
 * or one's own code without saying who changed it (`updatedBy`); put a code under, or merge it
 * into, a code that does not exist, or into itself through others (a circle would hang every
 * reader that walks up the tree).
 */
export function codebookProblem(changes: UpdateChanges): Problem {
  const inCodebook = (parent: TypePlace) => isRoot(parent, "codes") || isCodeMap(parent);
  if (writesAKeyTwice(changes, inCodebook)) {
    const after = codebookAfterProblem(changes);
    if (after) return after;
  }
  for (const { parent } of keysEmptiedByOverwrite(changes)) {
    if (isRoot(parent, "codes") || isCodeMap(parent))
      return "codes and their fields are never deleted: archive or merge a code";
  }
  const finals = finalValues(changes);
  for (const [parent, keys] of finals) {
    if (isCodeMap(parent) && !parent.isNew && !keys.has("updatedBy"))
      return "a code change that does not say who made it";
  }
  const codesPlace = [...finals.keys()]
    .map((p) => (isRoot(p, "codes") ? p : isCodeMap(p) ? p.parent : null))
    .find(Boolean);
  if (!codesPlace) return null;
  const codebook = new CodebookAfter(codesPlace.type, changes);
  for (const [id, key, target] of codebook.moved()) {
    if (target === null || target === undefined) continue;
    if (typeof target !== "string" || !codebook.exists(target) || target === id) {
      return key === "parentId"
        ? "a code sits only inside another code of this codebook"
        : "a code merges only into another code of this codebook";
    }
    if (codebook.loops(id, key)) {
      return key === "parentId"
        ? "a code cannot sit inside itself, through others"
        : "codes cannot merge into each other in a circle";
    }
  }
  return null;
}
