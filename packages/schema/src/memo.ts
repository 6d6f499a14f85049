import { type DOMOutputSpec, Schema } from "prosemirror-model";
import type * as Y from "yjs";

/** Which memo: the project's, a transcript's (in its own document), or a code's. */
export type MemoKey = "project" | "transcript" | `code:${string}`;

/** Who changed a memo last, and when (as their browser reported it). */
export interface MemoEdit {
  readonly by: string;
  readonly at: number;
}

const SAFE_LINK = /^(https?:|mailto:)/i;

/**
 * Memos are short rich text: paragraphs, headings, lists, quotes; emphasis, strong, code and links.
 * A link is drawn only if it points to a web or mail address, whatever a document holds.
 */
export const memoSchema = new Schema({
  nodes: {
    doc: { content: "block+" },
    paragraph: { group: "block", content: "inline*", parseDOM: [{ tag: "p" }], toDOM: () => ["p", 0] },
    heading: {
      group: "block",
      content: "inline*",
      attrs: { level: { default: 2 } },
      defining: true,
      parseDOM: [1, 2, 3].map((level) => ({ tag: `h${level}`, attrs: { level } })),
      toDOM: (node): DOMOutputSpec => [`h${Math.min(3, Math.max(1, Number(node.attrs.level)))}`, 0],
    },
    blockquote: {
      group: "block",
      content: "block+",
      defining: true,
      parseDOM: [{ tag: "blockquote" }],
      toDOM: () => ["blockquote", 0],
    },
    bullet_list: { group: "block", content: "list_item+", parseDOM: [{ tag: "ul" }], toDOM: () => ["ul", 0] },
    ordered_list: {
      group: "block",
      content: "list_item+",
      parseDOM: [{ tag: "ol" }],
      toDOM: () => ["ol", 0],
    },
    list_item: {
      content: "paragraph block*",
      defining: true,
      parseDOM: [{ tag: "li" }],
      toDOM: () => ["li", 0],
    },
    text: { group: "inline" },
    hard_break: {
      group: "inline",
      inline: true,
      selectable: false,
      parseDOM: [{ tag: "br" }],
      toDOM: () => ["br"],
    },
  },
  marks: {
    em: { parseDOM: [{ tag: "em" }, { tag: "i" }], toDOM: () => ["em", 0] },
    strong: { parseDOM: [{ tag: "strong" }, { tag: "b" }], toDOM: () => ["strong", 0] },
    code: { parseDOM: [{ tag: "code" }], toDOM: () => ["code", 0] },
    link: {
      attrs: { href: {} },
      inclusive: false,
      parseDOM: [
        {
          tag: "a[href]",
          getAttrs: (dom) => {
            const href = (dom as { getAttribute(name: string): string | null }).getAttribute("href") ?? "";
            return SAFE_LINK.test(href.trim()) ? { href: href.trim() } : false;
          },
        },
      ],
      toDOM: (mark): DOMOutputSpec => {
        const href = String(mark.attrs.href ?? "");
        return SAFE_LINK.test(href.trim())
          ? ["a", { href, rel: "noopener noreferrer nofollow", target: "_blank" }, 0]
          : ["span", 0];
      },
    },
  },
});

/** A memo's shared rich text: a root type per memo, so two people opening it at once share one. */
export function memoFragment(doc: Y.Doc, key: MemoKey): Y.XmlFragment {
  return doc.getXmlFragment(`memo:${key}`);
}

/** Who last edited each memo of a document. */
export function memoEdits(doc: Y.Doc): Y.Map<MemoEdit> {
  return doc.getMap("memoEdits");
}

/** How long one person's edits count as the same edit: typing need not rewrite the record per key. */
const SAME_EDIT_MS = 20_000;

/** Records that `by` just edited the memo (unless the record already says so, from moments ago). */
export function touchMemo(doc: Y.Doc, key: MemoKey, by: string, at: number = Date.now()): void {
  const last = memoEdits(doc).get(key);
  if (last?.by === by && at - last.at < SAME_EDIT_MS) return;
  memoEdits(doc).set(key, { by, at });
}
