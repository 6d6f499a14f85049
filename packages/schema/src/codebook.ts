import * as Y from "yjs";
import { type Code, projectCodes } from "./project-doc";

/** A code as read from the codebook, with its id. */
export interface CodeEntry extends Code {
  readonly id: string;
  /** Set when the code was merged into another: its codings count as that code's. */
  readonly mergedInto: string | null;
}

/** A code with its children, for the codebook tree. */
export interface CodeNode {
  readonly code: CodeEntry;
  readonly children: readonly CodeNode[];
}

/** Colours offered to new codes, in turn: distinct, and readable as a light highlight. */
export const CODE_COLOURS = [
  "#e6194b",
  "#3cb44b",
  "#4363d8",
  "#f58231",
  "#911eb4",
  "#42d4f4",
  "#f032e6",
  "#9a6324",
  "#469990",
  "#808000",
] as const;

/** A colour as Concord draws it: `#rrggbb`. Anything else in the document (a bad client) reads as grey. */
const HEX_COLOUR = /^#[0-9a-f]{6}$/i;

function readCode(id: string, map: Y.Map<unknown>): CodeEntry {
  // Any member's client writes here: a value of the wrong type reads as the default, never as itself.
  const text = (key: string, fallback: string): string => {
    const value = map.get(key);
    return typeof value === "string" ? value : fallback;
  };
  const number = (key: string): number => {
    const value = map.get(key);
    return typeof value === "number" && Number.isFinite(value) ? value : 0;
  };
  const idOrNull = (key: string): string | null => {
    const value = map.get(key);
    return typeof value === "string" ? value : null;
  };
  const color = text("color", "");
  return {
    id,
    name: text("name", "(unnamed)"),
    parentId: idOrNull("parentId"),
    color: HEX_COLOUR.test(color) ? color : "#888888",
    description: text("description", ""),
    inclusion: text("inclusion", ""),
    exclusion: text("exclusion", ""),
    example: text("example", ""),
    order: number("order"),
    archived: map.get("archived") === true,
    createdBy: text("createdBy", ""),
    createdAt: number("createdAt"),
    updatedBy: text("updatedBy", ""),
    updatedAt: number("updatedAt"),
    mergedInto: idOrNull("mergedInto"),
  };
}

/** Every code in the codebook, merged and archived ones included. */
export function listCodes(doc: Y.Doc): CodeEntry[] {
  const codes: CodeEntry[] = [];
  projectCodes(doc).forEach((map, id) => {
    if (map instanceof Y.Map) codes.push(readCode(id, map));
  });
  return codes;
}

/** How deep codes may nest: a code and at most seven levels of codes around it. */
export const MAX_CODE_DEPTH = 8;

/** How many codes a project's codebook may hold (archived and merged ones included). */
export const MAX_CODES = 1_000;

/**
 * Whether code `id` (with the codes inside it) may sit inside `parentId` and stay within
 * MAX_CODE_DEPTH levels: the server refuses a move that does not.
 */
export function nestingFits(codes: readonly CodeEntry[], id: string, parentId: string | null): boolean {
  const byId = new Map(codes.map((c) => [c.id, c]));
  let above = 0;
  const seen = new Set<string>();
  for (let p = parentId; p !== null && !seen.has(p); p = byId.get(p)?.parentId ?? null) {
    if (p === id) return false;
    seen.add(p);
    above++;
  }
  let below = 0;
  let level = codes.filter((c) => c.parentId === id).map((c) => c.id);
  const visited = new Set<string>([id]);
  while (level.length > 0 && below <= MAX_CODE_DEPTH) {
    below++;
    const next = new Set(level.filter((c) => !visited.has(c)));
    for (const c of next) visited.add(c);
    level = codes.filter((c) => c.parentId !== null && next.has(c.parentId)).map((c) => c.id);
  }
  return above + 1 + below <= MAX_CODE_DEPTH;
}

/**
 * What is wrong with a codebook as a whole, or null: more than {@link MAX_CODES} codes, a code
 * inside itself (through others) or inside a code that does not exist, codes nested deeper than
 * {@link MAX_CODE_DEPTH} levels, or merges that go round in a circle. For changes the server makes
 * itself, which no client's update review sees.
 */
export function codebookShapeProblem(codes: readonly CodeEntry[]): string | null {
  if (codes.length > MAX_CODES) return `a codebook holds at most ${MAX_CODES.toLocaleString("en")} codes`;
  const byId = new Map(codes.map((c) => [c.id, c]));
  for (const code of codes) {
    for (const key of ["parentId", "mergedInto"] as const) {
      const seen = new Set<string>([code.id]);
      let depth = 1;
      for (let next = code[key]; next !== null; next = byId.get(next)?.[key] ?? null) {
        if (!byId.has(next))
          return key === "parentId"
            ? "a code sits only inside another code of this codebook"
            : "a code merges only into another code of this codebook";
        if (seen.has(next))
          return key === "parentId"
            ? "a code cannot sit inside itself, through others"
            : "codes cannot merge into each other in a circle";
        seen.add(next);
        depth++;
      }
      if (key === "parentId" && depth > MAX_CODE_DEPTH)
        return `codes nest at most ${MAX_CODE_DEPTH} levels deep`;
    }
  }
  return null;
}

/**
 * The code just after `target` among its live siblings (`leaving` aside: the code about to move
 * there), or null when it is the last: what a code put just after `target` goes before.
 */
export function codeAfter(codes: readonly CodeEntry[], target: CodeEntry, leaving?: string): string | null {
  const siblings = codes
    .filter((c) => c.parentId === target.parentId && c.mergedInto === null && c.id !== leaving)
    .sort((a, b) => a.order - b.order);
  return siblings[siblings.findIndex((c) => c.id === target.id) + 1]?.id ?? null;
}

/** The codebook as a tree (merged codes left out), siblings by their order then name. */
export function codeTree(
  codes: readonly CodeEntry[],
  options: { includeArchived?: boolean } = {},
): CodeNode[] {
  const visible = codes.filter((c) => c.mergedInto === null && (options.includeArchived || !c.archived));
  const byId = new Map(visible.map((c) => [c.id, c]));
  /** Whether following parents up from `code` comes back to it (documents from before the server refused that). */
  const inCircle = (code: CodeEntry) => {
    const seen = new Set<string>();
    for (let p = code.parentId; p !== null && !seen.has(p); p = byId.get(p)?.parentId ?? null) {
      if (p === code.id) return true;
      seen.add(p);
    }
    return false;
  };
  const byParent = new Map<string | null, CodeEntry[]>();
  for (const code of visible) {
    // A code whose parent is gone (merged, archived, deleted concurrently), or that sits in a
    // circle of parents, shows at the top level.
    const parent =
      code.parentId !== null && byId.has(code.parentId) && !inCircle(code) ? code.parentId : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), code]);
  }
  const sorted = (parent: string | null) =>
    [...(byParent.get(parent) ?? [])].sort((a, b) => a.order - b.order || a.name.localeCompare(b.name));
  // Codes nested deeper than MAX_CODE_DEPTH (written before the server refused that) show at the
  // deepest level, under their nearest ancestor there: a chain of thousands stays a short tree.
  const build = (parent: string | null, depth: number): CodeNode[] =>
    sorted(parent).map((code) => ({
      code,
      children:
        depth + 2 < MAX_CODE_DEPTH
          ? build(code.id, depth + 1)
          : collectBelow(code.id, sorted).map((c) => ({ code: c, children: [] })),
    }));
  return build(null, 0);
}

/** Every code below `id`, depth first, without recursion (a chain may be thousands long). */
function collectBelow(id: string, childrenOf: (parent: string) => CodeEntry[]): CodeEntry[] {
  const out: CodeEntry[] = [];
  const stack = [...childrenOf(id)].reverse();
  const seen = new Set<string>([id]);
  while (stack.length > 0) {
    const code = stack.pop() as CodeEntry;
    if (seen.has(code.id)) continue;
    seen.add(code.id);
    out.push(code);
    stack.push(...[...childrenOf(code.id)].reverse());
  }
  return out;
}

/** The code a coding counts towards: follows merges (and stops at a cycle made by concurrent merges). */
export function effectiveCodeId(codes: ReadonlyMap<string, CodeEntry>, id: string): string {
  const seen = new Set<string>();
  let current = id;
  for (let code = codes.get(current); code?.mergedInto && !seen.has(current); code = codes.get(current)) {
    seen.add(current);
    current = code.mergedInto;
  }
  return current;
}

/** A fresh random id for a code or a coding (URL-safe, 16 characters). */
export function createLocalId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_");
}

/** The palette's colour that the codebook's live codes use least (the first such), for a new code. */
function freshColour(codes: readonly CodeEntry[]): string {
  const uses = new Map<string, number>(CODE_COLOURS.map((colour) => [colour, 0]));
  for (const code of codes) {
    if (code.mergedInto !== null || code.archived) continue;
    const colour = code.color.toLowerCase();
    if (uses.has(colour)) uses.set(colour, (uses.get(colour) ?? 0) + 1);
  }
  let best: string = CODE_COLOURS[0];
  for (const colour of CODE_COLOURS) if ((uses.get(colour) ?? 0) < (uses.get(best) ?? 0)) best = colour;
  return best;
}

/** Adds a code; the new code goes last among its siblings. Returns its id. */
export function createCode(
  doc: Y.Doc,
  input: { name: string; parentId?: string | null; color?: string; description?: string },
  userId: string,
): string {
  const codes = listCodes(doc);
  const id = createLocalId();
  const siblings = codes.filter((c) => c.parentId === (input.parentId ?? null));
  const map = new Y.Map<unknown>();
  const now = Date.now();
  doc.transact(() => {
    projectCodes(doc).set(id, map);
    map.set("name", input.name.trim());
    map.set("parentId", input.parentId ?? null);
    map.set("color", input.color ?? freshColour(codes));
    map.set("description", input.description ?? "");
    map.set("inclusion", "");
    map.set("exclusion", "");
    map.set("example", "");
    map.set("order", Math.max(0, ...siblings.map((c) => c.order)) + 1);
    map.set("archived", false);
    map.set("mergedInto", null);
    map.set("createdBy", userId);
    map.set("createdAt", now);
    map.set("updatedBy", userId);
    map.set("updatedAt", now);
  });
  return id;
}

/** The fields of a code its history lists (its order among siblings and the change stamps are left out). */
export const CODE_HISTORY_FIELDS = [
  "name",
  "parentId",
  "color",
  "description",
  "inclusion",
  "exclusion",
  "example",
  "archived",
  "mergedInto",
] as const;

/** The fields of a code that people edit. */
export type EditableCodeFields = Partial<
  Pick<Code, "name" | "color" | "description" | "inclusion" | "exclusion" | "example" | "archived">
>;

/** Changes fields of a code, recording who and when. False if there is no such code. */
export function updateCode(doc: Y.Doc, id: string, change: EditableCodeFields, userId: string): boolean {
  const map = projectCodes(doc).get(id);
  if (!(map instanceof Y.Map)) return false;
  doc.transact(() => {
    for (const [key, value] of Object.entries(change)) if (value !== undefined) map.set(key, value);
    map.set("updatedBy", userId);
    map.set("updatedAt", Date.now());
  });
  return true;
}

/**
 * Moves a code under `parentId` (null: top level), before `beforeId` among its new siblings (null:
 * last). Refuses to move a code under itself or its descendants.
 */
export function moveCode(
  doc: Y.Doc,
  id: string,
  parentId: string | null,
  beforeId: string | null,
  userId: string,
): boolean {
  const codes = new Map(listCodes(doc).map((c) => [c.id, c]));
  const seen = new Set<string>();
  for (let p = parentId; p !== null && !seen.has(p); p = codes.get(p)?.parentId ?? null) {
    if (p === id) return false;
    seen.add(p);
  }
  const siblings = [...codes.values()]
    .filter((c) => c.parentId === parentId && c.id !== id && c.mergedInto === null)
    .sort((a, b) => a.order - b.order);
  const at = beforeId === null ? siblings.length : siblings.findIndex((c) => c.id === beforeId);
  const before = siblings[at - 1]?.order ?? (siblings[0] ? siblings[0].order - 1 : 0);
  const after = siblings[at]?.order ?? before + 2;
  const map = projectCodes(doc).get(id);
  if (!(map instanceof Y.Map)) return false;
  doc.transact(() => {
    map.set("parentId", parentId);
    // Between its new neighbours, so a move writes this one code only.
    map.set("order", (before + after) / 2);
    map.set("updatedBy", userId);
    map.set("updatedAt", Date.now());
  });
  return true;
}

/**
 * Merges `sourceId` into `targetId`: the source disappears from the codebook and every coding with
 * it counts as the target's, in every transcript, without rewriting them. Its children move to the
 * target.
 */
export function mergeCode(doc: Y.Doc, sourceId: string, targetId: string, userId: string): boolean {
  if (sourceId === targetId) return false;
  const codes = listCodes(doc);
  const source = projectCodes(doc).get(sourceId);
  if (!(source instanceof Y.Map) || !codes.some((c) => c.id === targetId)) return false;
  doc.transact(() => {
    source.set("mergedInto", targetId);
    source.set("updatedBy", userId);
    source.set("updatedAt", Date.now());
    for (const child of codes.filter((c) => c.parentId === sourceId)) {
      const map = projectCodes(doc).get(child.id) as Y.Map<unknown>;
      map.set("parentId", targetId);
      // Every change of a code says who made it (the server refuses one that does not).
      map.set("updatedBy", userId);
      map.set("updatedAt", Date.now());
    }
  });
  return true;
}

/**
 * The code already called `name` (letter case and spaces aside), merged codes left out: a second
 * code of the same name would split a team's codings between two codes nobody can tell apart.
 */
export function codeNamed(codes: readonly CodeEntry[], name: string): CodeEntry | null {
  const wanted = name.trim().replace(/\s+/g, " ").toLowerCase();
  return (
    codes.find((c) => c.mergedInto === null && c.name.trim().replace(/\s+/g, " ").toLowerCase() === wanted) ??
    null
  );
}
