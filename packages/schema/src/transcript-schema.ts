import { Schema } from "prosemirror-model";

/**
 * The ProseMirror schema of a transcript: blocks in reading order, each a speaker's turn or a note
 * (heading, stage direction). Text carries no marks: codings and comments are anchored outside the
 * text and drawn as decorations, so coding never rewrites the shared content.
 */
export const transcriptSchema = new Schema({
  nodes: {
    doc: { content: "block+" },
    turn: {
      group: "block",
      content: "text*",
      attrs: {
        speaker: { default: null },
        start: { default: null },
        end: { default: null },
      },
      toDOM: (node) => ["p", { class: "turn", "data-speaker": node.attrs.speaker ?? "" }, 0],
      parseDOM: [
        {
          tag: "p.turn",
          getAttrs: (dom) => ({
            speaker: (dom as { dataset?: { speaker?: string } }).dataset?.speaker || null,
          }),
        },
      ],
    },
    note: {
      group: "block",
      content: "text*",
      toDOM: () => ["p", { class: "note" }, 0],
      parseDOM: [{ tag: "p.note" }],
    },
    text: {},
  },
  marks: {},
});

/** The transcript schema's node type names. */
export const BlockType = { turn: "turn", note: "note" } as const;
