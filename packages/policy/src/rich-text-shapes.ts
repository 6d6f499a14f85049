import type { ContentValue, TypePlace } from "@concord/sync";
import { isRoot, singleValue } from "./places";

/**
 * The shapes a ProseMirror document bound by y-prosemirror may take: which elements sit at the top,
 * which inside which (`#text` is a text run), which attributes each has (a check per value), and
 * which formats (marks) text may carry.
 */
export interface RichTextShape {
  readonly top: readonly string[];
  readonly children: Readonly<Record<string, readonly string[]>>;
  readonly attributes: Readonly<Record<string, Readonly<Record<string, (value: unknown) => boolean>>>>;
  readonly formats: Readonly<Record<string, (value: unknown) => boolean>>;
}

const MAX_TEXT_RUN = 1_000_000;

/**
 * Why inserting `content` under `key` of `parent` breaks `shape`, or null if it does not. `parent`
 * lies inside a fragment that follows `shape` (the caller checked its root).
 */
export function richTextProblem(
  shape: RichTextShape,
  parent: TypePlace,
  key: string | null,
  content: ContentValue,
): string | null {
  if (content.kind === "deleted") return null;
  if (isRoot(parent)) {
    if (key !== null) return "the document's top level has no keys";
    return elementProblem(shape, shape.top, content, "at the top of the document");
  }
  if (parent.kind === "xml-element" && parent.name !== null) {
    const name = parent.name;
    if (key !== null) {
      const check = shape.attributes[name]?.[key];
      if (!check) return `a ${name} has no attribute "${key}"`;
      const value = singleValue(content);
      return value !== undefined && check(value) ? null : `a ${name}'s ${key} of the wrong kind`;
    }
    return elementProblem(shape, shape.children[name] ?? [], content, `inside a ${name}`);
  }
  if (parent.kind === "xml-text") {
    if (key !== null) return "text has no attributes";
    if (content.kind === "string") return content.text.length > MAX_TEXT_RUN ? "a text run too long" : null;
    if (content.kind === "format") {
      const check = shape.formats[content.key];
      if (!check) return `text cannot be formatted as "${content.key}"`;
      return content.value === null || check(content.value)
        ? null
        : `a ${content.key} format of the wrong kind`;
    }
    return "only text may sit in a text run";
  }
  return "not a place this document has";
}

function elementProblem(
  shape: RichTextShape,
  allowed: readonly string[],
  content: ContentValue,
  where: string,
): string | null {
  if (content.kind !== "type") return `only elements may sit ${where}`;
  const { kind, name } = content.type;
  if (kind === "xml-text") return allowed.includes("#text") ? null : `text may not sit ${where}`;
  if (kind !== "xml-element" || name === null) return `only elements may sit ${where}`;
  if (!allowed.includes(name)) return `a ${name} may not sit ${where}`;
  // A known element (its own children are checked as they are inserted into it).
  return name in shape.children || shape.top.includes(name) ? null : `an unknown element ${name}`;
}
