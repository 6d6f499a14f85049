import type { RichTextShape } from "./rich-text-shapes";

const isTime = (value: unknown) =>
  value === null || (typeof value === "number" && Number.isFinite(value) && value >= 0);
const isSpeaker = (value: unknown) => value === null || (typeof value === "string" && value.length <= 200);

const isLevel = (value: unknown) => value === 1 || value === 2 || value === 3;

/**
 * A transcript's content as the transcript schema has it (`packages/schema/src/transcript-schema.ts`):
 * turns, notes and headings at the top, a turn's paragraphs inside it, text runs without marks in
 * paragraphs, notes and headings; a turn's speaker and times, a heading's level.
 */
export const transcriptShape: RichTextShape = {
  top: ["turn", "note", "heading"],
  children: { turn: ["paragraph"], paragraph: ["#text"], note: ["#text"], heading: ["#text"] },
  attributes: {
    turn: { speaker: isSpeaker, start: isTime, end: isTime },
    paragraph: {},
    note: {},
    heading: { level: isLevel },
  },
  formats: {},
};

const BLOCKS = ["paragraph", "heading", "blockquote", "bullet_list", "ordered_list"];
const INLINE = ["#text", "hard_break"];
const isMarkAttributes = (value: unknown) => value === true || (typeof value === "object" && value !== null);

/** A memo as the memo schema has it (`packages/schema/src/memo.ts`). */
export const memoShape: RichTextShape = {
  top: BLOCKS,
  children: {
    paragraph: INLINE,
    heading: INLINE,
    blockquote: BLOCKS,
    bullet_list: ["list_item"],
    ordered_list: ["list_item"],
    list_item: BLOCKS,
    hard_break: [],
  },
  attributes: {
    heading: { level: isLevel },
  },
  formats: {
    em: isMarkAttributes,
    strong: isMarkAttributes,
    code: isMarkAttributes,
    link: (value) => {
      const href = (value as { href?: unknown } | null)?.href;
      return typeof href === "string" && href.length <= 2048;
    },
  },
};
