export {
  type AgendaCoding,
  type AgendaItem,
  type AgendaOptions,
  type AgendaThread,
  type AgendaTranscript,
  type AgreedPassage,
  agreedPassages,
  buildAgenda,
  type DisagreementItem,
  type ThreadItem,
  type Tolerance,
  toleranceOf,
} from "./agenda";
export {
  type MinutesAttendance,
  type MinutesCodebookChange,
  type MinutesDecision,
  type MinutesInput,
  minutesHtml,
  minutesMarkdown,
} from "./minutes";
export { type AgreedCoding, agreedCodings, type Outcome, outcomeProblem, type Stretch } from "./outcome";
