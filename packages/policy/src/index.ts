export { coderOf, parseNewCoding } from "./coding-values";
export {
  documentPolicy,
  type MeetingLookup,
  type PolicyLookups,
  type RoundLookup,
  type WriterLookup,
} from "./document-policy";
export {
  type CodingRemoved,
  type LayerTarget,
  type PolicyEffect,
  reviewLayerUpdate,
  reviewProjectUpdate,
  reviewServerWrittenUpdate,
  reviewTranscriptUpdate,
  type Writer,
} from "./document-rules";
export { memoShape, transcriptShape } from "./document-shapes";
export { MAX_RATIONALE_LENGTH, type MeetingTarget, reviewMeetingUpdate } from "./meeting-rules";
export { type RichTextShape, richTextProblem } from "./rich-text-shapes";
