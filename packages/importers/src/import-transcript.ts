import { parseCaptions, srtToVtt } from "./captions";
import { decodeText, NotTextError } from "./decode-text";
import { docxParagraphs } from "./docx";
import { ImportError, ImportErrorCode } from "./import-error";
import { parseLabelledText, parseParagraphs, type TextFlavour } from "./labelled-text";
import { parseTextGrid, TextGridError, textGridTurns } from "./textgrid";
import type { DraftBlock, SourceFormat, TranscriptDraft } from "./transcript-draft";
import { MAX_UNPACKED_BYTES, unpackedSize } from "./zip-size";

/** A file as the importer receives it: its name (for the format and for messages) and its bytes. */
export interface TranscriptFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** The largest file accepted: longer than any day of hearings, far smaller than a runaway upload. */
export const MAX_TRANSCRIPT_BYTES = 20 * 1024 * 1024;

const EXTENSIONS: Record<string, SourceFormat> = {
  txt: "text",
  text: "text",
  md: "markdown",
  markdown: "markdown",
  rst: "restructuredtext",
  docx: "docx",
  vtt: "webvtt",
  srt: "srt",
  textgrid: "textgrid",
};

/** The file extensions the importer reads, for file pickers. */
export const TRANSCRIPT_EXTENSIONS: readonly string[] = Object.keys(EXTENSIONS).map((ext) =>
  ext === "textgrid" ? ".TextGrid" : `.${ext}`,
);

function extensionOf(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot < 0 ? "" : name.slice(dot + 1).toLowerCase();
}

function formatMegabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A speaker name from a file name such as `day1_consultation07_doctor.TextGrid`: "Doctor". */
function speakerFromFileName(name: string): string {
  const base = name.replace(/\.[^.]+$/, "");
  const last =
    base
      .split(/[_\-\s.]+/)
      .filter(Boolean)
      .at(-1) ?? base;
  return last.charAt(0).toUpperCase() + last.slice(1);
}

async function readBlocks(
  file: TranscriptFile,
  format: SourceFormat,
): Promise<{ blocks: DraftBlock[]; warnings: string[] }> {
  if (format === "docx") {
    let size: number | null;
    try {
      size = unpackedSize(file.bytes);
    } catch {
      size = 0; // Not a zip fflate reads: mammoth says what is wrong with it below.
    }
    if (size === null) {
      throw new ImportError(
        ImportErrorCode.tooLarge,
        file.name,
        `this Word file unpacks to more than ${formatMegabytes(MAX_UNPACKED_BYTES)}, more than any transcript needs, so it was not opened. Save the text again from Word and retry.`,
      );
    }
    let paragraphs: Awaited<ReturnType<typeof docxParagraphs>>;
    try {
      paragraphs = await docxParagraphs(file.bytes);
    } catch (error) {
      throw new ImportError(
        ImportErrorCode.damaged,
        file.name,
        `this Word file is damaged or incomplete, so it cannot be opened (${(error as Error).message.split("\n")[0]}). Save it again from Word and retry.`,
      );
    }
    const parsed = parseParagraphs(
      paragraphs.body.map(({ text, heading }) =>
        heading ? { lines: [text], heading: true, level: heading } : { lines: [text], heading: false },
      ),
      "text",
    );
    const notes = paragraphs.notes.map((text): DraftBlock => ({ kind: "note", text }));
    return { blocks: [...parsed.blocks, ...notes], warnings: parsed.warnings };
  }
  let decoded: { text: string; warnings: string[] };
  try {
    decoded = decodeText(file.bytes);
  } catch (error) {
    if (error instanceof NotTextError) {
      throw new ImportError(
        ImportErrorCode.binary,
        file.name,
        "this is not a text file (it contains binary data). Is it the right file, or the right extension?",
      );
    }
    throw error;
  }
  if (format === "webvtt" || format === "srt") {
    const vtt = format === "srt" ? srtToVtt(decoded.text) : decoded.text;
    if (format === "webvtt" && !/^WEBVTT/.test(vtt.trimStart())) {
      throw new ImportError(
        ImportErrorCode.damaged,
        file.name,
        "a WebVTT file must start with “WEBVTT”; this one does not.",
      );
    }
    const captions = parseCaptions(vtt);
    if (captions.cues === 0)
      throw new ImportError(
        ImportErrorCode.noText,
        file.name,
        "no captions (cues with times) were found in it.",
      );
    return { blocks: captions.blocks, warnings: [...decoded.warnings, ...captions.warnings] };
  }
  if (format === "textgrid") {
    try {
      const turns = textGridTurns(parseTextGrid(decoded.text), speakerFromFileName(file.name));
      return { blocks: turns, warnings: decoded.warnings };
    } catch (error) {
      if (error instanceof TextGridError) {
        throw new ImportError(
          ImportErrorCode.damaged,
          file.name,
          `this TextGrid cannot be read: ${error.message}.`,
        );
      }
      throw error;
    }
  }
  const parsed = parseLabelledText(decoded.text, format as TextFlavour);
  return { blocks: parsed.blocks, warnings: [...decoded.warnings, ...parsed.warnings] };
}

/**
 * Reads one transcript file into a {@link TranscriptDraft}, or throws an {@link ImportError} that
 * names the file and the reason. The format comes from the extension: .txt .md .rst .docx .vtt .srt
 * .TextGrid.
 */
export async function importTranscript(file: TranscriptFile): Promise<TranscriptDraft> {
  const format = EXTENSIONS[extensionOf(file.name)];
  if (!format) {
    throw new ImportError(
      ImportErrorCode.unsupported,
      file.name,
      `Concord cannot read ${extensionOf(file.name) ? `.${extensionOf(file.name)}` : "files without an extension"}. Use Word (.docx), text (.txt, .md, .rst), captions (.vtt, .srt) or Praat (.TextGrid).`,
    );
  }
  if (file.bytes.byteLength === 0)
    throw new ImportError(ImportErrorCode.empty, file.name, "the file is empty.");
  if (file.bytes.byteLength > MAX_TRANSCRIPT_BYTES) {
    throw new ImportError(
      ImportErrorCode.tooLarge,
      file.name,
      `the file is ${formatMegabytes(file.bytes.byteLength)}; the limit is ${formatMegabytes(MAX_TRANSCRIPT_BYTES)}. Split it into parts.`,
    );
  }
  const { blocks, warnings } = await readBlocks(file, format);
  if (!blocks.some((block) => block.kind === "turn" && block.text.trim())) {
    throw new ImportError(ImportErrorCode.noText, file.name, "there is no text in it to code.");
  }
  return { format, blocks, warnings };
}

/**
 * Combines timed drafts (one TextGrid tier per speaker, in separate files) into one transcript
 * ordered by start time.
 */
export function mergeTimedDrafts(drafts: readonly TranscriptDraft[]): TranscriptDraft {
  const turns = drafts.flatMap((draft) => draft.blocks.filter((block) => block.kind === "turn"));
  return {
    format: drafts[0]?.format ?? "textgrid",
    blocks: [...turns].sort((a, b) => (a.start ?? 0) - (b.start ?? 0)),
    warnings: drafts.flatMap((draft) => draft.warnings),
  };
}
