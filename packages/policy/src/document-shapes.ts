import type { RichTextShape } from "./rich-text-shapes";

const isTime = (value: unknown) =>
  value === null || (typeof value === "number" && Number.isFinite(value) && value >= 0);
const isSpeaker = (value: unknown) => value === null || (typeof value === "string" && value.length <= 200);

/**
 * A transcript's content as the transcript schema has it (`packages/schema/src/transcript-schema.ts`):
 * turns and notes at the top, text runs without marks inside them, a turn's speaker and times.
 */
export const transcriptShape: RichTextShape = {
  top: ["turn", "note"],
  children: { turn: ["#text"], note: ["#text"] },
  attributes: { turn: { speaker: isSpeaker, start: isTime, end: isTime }, note: {} },
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
    heading: { level: (value) => value === 1 || value === 2 || value === 3 },
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
