import { summarise } from "@concord/importers";
import { seedTranscriptUpdates } from "@concord/schema";
import { z } from "zod";
import { cleanLabel, cleanText } from "../clean-text";
import { describeInvalid } from "../describe-invalid";

/** A block's text; a turn's paragraphs are joined by a newline. */
const text = z.string().max(200_000, "A block of text is too long.").transform(cleanText);
/** The most paragraphs one turn may have (a long answer has dozens; a turn is stored in one piece). */
const MAX_PARAGRAPHS = 5_000;
const turnText = text.refine(
  (value) => value.split("\n").length <= MAX_PARAGRAPHS,
  `A turn has more than ${MAX_PARAGRAPHS.toLocaleString("en-GB")} paragraphs: split it into turns before importing.`,
);
const block = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("turn"),
    text: turnText,
    speaker: z
      .string()
      .max(200)
      .transform(cleanLabel)
      .nullable()
      .transform((speaker) => (speaker === "" ? null : speaker)),
    start: z.number().nonnegative().optional(),
    end: z.number().nonnegative().optional(),
  }),
  z.object({ kind: z.literal("note"), text }),
  z.object({ kind: z.literal("heading"), text, level: z.number().int().min(1).max(3).optional() }),
]);

/** A transcript's attributes as a request sends them. */
export const transcriptAttributes = z.record(
  z.string().max(100).transform(cleanLabel).pipe(z.string().min(1)),
  z.string().max(500).transform(cleanLabel),
);
/** A transcript's name as a request sends it. */
export const transcriptName = z
  .string()
  .max(300)
  .transform(cleanLabel)
  .pipe(z.string().min(1, "Give the transcript a name."));

const importBody = z.object({
  name: transcriptName,
  sourceFormat: z.enum(["text", "markdown", "restructuredtext", "docx", "webvtt", "srt", "textgrid"]),
  blocks: z.array(block).min(1, "The transcript has no text.").max(200_000),
  attributes: transcriptAttributes.optional(),
});

/** An import request read, checked and turned into its transcript's first update. */
export interface PreparedImport {
  readonly name: string;
  readonly sourceFormat: string;
  readonly attributes: Readonly<Record<string, string>>;
  /** Counted from the text itself, never taken from what the client claims. */
  readonly speakers: readonly string[];
  readonly turns: number;
  readonly words: number;
  /** The Yjs updates that create the transcript's content, in slices to store one at a time. */
  readonly content: readonly Uint8Array[];
}

/** Why an import body was refused, in words for the person importing. */
export class ImportBodyRefused extends Error {
  override readonly name = "ImportBodyRefused";
}

/**
 * Reads an import request's JSON body (UTF-8 bytes), checks it, counts its speakers, turns and
 * words and seeds its content. Slow for large transcripts (hundreds of milliseconds for tens of
 * megabytes), so the server runs it off its main thread (`import-worker.ts`).
 */
export function prepareImport(bytes: Uint8Array): PreparedImport {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new ImportBodyRefused("The request body must be JSON.");
  }
  const result = importBody.safeParse(json);
  if (!result.success) throw new ImportBodyRefused(describeInvalid(result.error));
  const body = result.data;
  const summary = summarise({ format: body.sourceFormat, blocks: body.blocks, warnings: [] });
  return {
    name: body.name,
    sourceFormat: body.sourceFormat,
    attributes: body.attributes ?? {},
    ...summary,
    content: seedTranscriptUpdates(body.blocks),
  };
}
