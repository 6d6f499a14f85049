export {
  createAnchor,
  decodeAnchorPosition,
  QUOTE_CONTEXT,
  type ResolvedRange,
  resolveAnchor,
} from "./anchor";
export { applyCode, applyCodeOnce, createCodingHistory, OWN_CODING, removeCoding } from "./codings";
export { matchQuote, type Quote } from "./match-quote";
export { hasLegacyTurns, migrateLegacyTurns } from "./paragraph-migration";
export {
  BLOCK_SEPARATOR,
  blockAt,
  blockCodePointOffset,
  blockUtf16Index,
  codePointLength,
  codePointOffsetOf,
  type IndexedBlock,
  indexTranscript,
  type TranscriptIndex,
  type TurnSpan,
  turnSpans,
  utf16IndexOf,
} from "./transcript-index";
