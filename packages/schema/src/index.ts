export {
  CODE_COLOURS,
  CODE_HISTORY_FIELDS,
  type CodeEntry,
  type CodeNode,
  codeAfter,
  codebookShapeProblem,
  codeNamed,
  codeTree,
  createCode,
  createLocalId,
  type EditableCodeFields,
  effectiveCodeId,
  listCodes,
  MAX_CODE_DEPTH,
  MAX_CODES,
  mergeCode,
  moveCode,
  nestingFits,
  updateCode,
} from "./codebook";
export { counted } from "./counted";
export { type MemoEdit, type MemoKey, memoEdits, memoFragment, memoSchema, touchMemo } from "./memo";
export { type Code, projectCodes, projectMeta } from "./project-doc";
export { can, hasAtLeast, isRole, Permission, Role, roles } from "./roles";
export { inboxAccess, type ProjectState, type RoomAccess, roomAccess } from "./room-access";
export { formatRoomName, isId, parseRoomName, type RoomName } from "./room-names";
export {
  codesBlind,
  layerExists,
  mayReadAllLayers,
  mayReadLayer,
  mayWriteLayer,
  type Round,
  type RoundFacts,
  type RoundStatus,
} from "./rounds";
export {
  paragraphsOf,
  type SeedBlock,
  seedDocument,
  seedTranscriptUpdate,
  seedTranscriptUpdates,
} from "./seed-transcript";
export {
  agreedIn,
  agreedMark,
  type Coding,
  codingKey,
  codingOf,
  forEachCoding,
  forEachDistinctCoding,
  type StoredAnchor,
  type StoredCoding,
  transcriptCodings,
  transcriptContent,
  writeCoding,
} from "./transcript-doc";
export { BlockType, PARAGRAPH_BREAK, transcriptSchema } from "./transcript-schema";
