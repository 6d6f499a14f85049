import { Schema } from "prosemirror-model";

/**
 * The ProseMirror schema of a transcript: blocks in reading order, each a speaker's turn (one or
 * more paragraphs), a note (stage direction, sitting time) or a heading. Text carries no marks:
 * codings and comments are anchored outside the text and drawn as decorations, so coding never
 * rewrites the shared content.
 */
export const transcriptSchema = new Schema({
  nodes: {
    doc: { content: "block+" },
    turn: {
      group: "block",
      // Written with one paragraph or more (the server refuses a turn without); read as zero or
      // more, so that a page never "repairs", by writing, a document it may only read.
      content: "paragraph*",
      attrs: {
        speaker: { default: null },
        start: { default: null },
        end: { default: null },
      },
      toDOM: (node) => ["div", { class: "turn", "data-speaker": node.attrs.speaker ?? "" }, 0],
      parseDOM: [
        {
          tag: "div.turn",
          getAttrs: (dom) => ({
            speaker: (dom as { dataset?: { speaker?: string } }).dataset?.speaker || null,
          }),
        },
      ],
    },
    paragraph: {
      content: "text*",
      toDOM: () => ["p", { class: "paragraph" }, 0],
      parseDOM: [{ tag: "p" }],
    },
    note: {
      group: "block",
      content: "text*",
      toDOM: () => ["p", { class: "note" }, 0],
      parseDOM: [{ tag: "p.note", priority: 60 }],
    },
    heading: {
      group: "block",
      content: "text*",
      attrs: { level: { default: 2 } },
      toDOM: (node) => [
        `h${Math.min(4, Math.max(2, Number(node.attrs.level) + 1))}`,
        { class: "heading" },
        0,
      ],
      parseDOM: [2, 3, 4].map((h) => ({ tag: `h${h}.heading`, attrs: { level: h - 1 } })),
    },
    text: {},
  },
  marks: {},
});

/** The transcript schema's node type names. */
export const BlockType = { turn: "turn", paragraph: "paragraph", note: "note", heading: "heading" } as const;

/** The separator between paragraphs of a turn in an imported block's text (and in the canonical text). */
export const PARAGRAPH_BREAK = "\n";
