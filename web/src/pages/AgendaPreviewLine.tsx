import { counted } from "@concord/schema";
import { useAgendaPreview } from "./use-agenda-preview";

/**
 * A line in the prepare dialog saying what the meeting would be on, as the server works it out for
 * the settings chosen: the items (disagreements and threads), the transcripts they are in and, on a
 * round, the passages every coder coded alike, which need no discussion.
 */
export function AgendaPreviewLine(props: { projectId: string; request: object | null; onRound: boolean }) {
  const { preview, problem, pending } = useAgendaPreview(props.projectId, props.request);
  let text: string;
  if (props.request === null)
    text = "Choose transcripts and at least two coders to see what the meeting would be on.";
  else if (problem) text = problem;
  else if (pending || !preview) text = "Working out the agenda…";
  else if (preview.items === 0) text = "Nothing to discuss: the coders agree everywhere at this tolerance.";
  else {
    const threads = preview.threads > 0 ? ` and ${counted(preview.threads, "thread")}` : "";
    const where = preview.transcripts > 0 ? ` in ${counted(preview.transcripts, "transcript")}` : "";
    text = `The agenda would have ${counted(preview.items, "item")}: ${counted(preview.disagreements, "disagreement")}${threads}${where}.`;
  }
  if (preview && !pending && !problem) {
    if (props.onRound)
      text += ` ${counted(preview.agreedPassages, "passage")} coded alike by every coder would go straight into the shared codings.`;
  }
  return (
    <p
      className="agenda-preview"
      role="status"
      aria-busy={pending && props.request !== null}
      data-problem={problem !== null || undefined}
    >
      {text}
    </p>
  );
}
