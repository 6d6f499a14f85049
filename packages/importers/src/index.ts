export { parseCaptions, srtToVtt } from "./captions";
export { decodeText, NotTextError, repairMojibake } from "./decode-text";
export { ImportError, ImportErrorCode } from "./import-error";
export {
  importTranscript,
  MAX_TRANSCRIPT_BYTES,
  mergeTimedDrafts,
  TRANSCRIPT_EXTENSIONS,
  type TranscriptFile,
} from "./import-transcript";
export { parseLabelledText, type TextFlavour } from "./labelled-text";
export { parseTextGrid, type TextGridTier } from "./textgrid";
export {
  asPlainParagraphs,
  countWords,
  type DraftBlock,
  type DraftNote,
  type DraftTurn,
  renameSpeakers,
  type SourceFormat,
  speakersOf,
  summarise,
  type TranscriptDraft,
} from "./transcript-draft";
