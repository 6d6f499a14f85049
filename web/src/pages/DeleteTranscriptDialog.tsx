import { counted } from "@concord/schema";
import { useEffect, useState } from "react";
import { Button, Dialog, DialogTrigger, Heading, Modal, ModalOverlay } from "react-aria-components";
import { api } from "../api/api-client";

/** What deleting a transcript takes with it, as the server counts it. */
interface Summary {
  readonly codings: number;
  readonly threads: number;
}

function Confirmation(props: {
  projectId: string;
  transcript: { id: string; name: string; words: number };
  close: () => void;
  onDeleted: () => void;
}) {
  const { projectId, transcript } = props;
  const [summary, setSummary] = useState<Summary | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);
  useEffect(() => {
    api<Summary>("GET", `/projects/${projectId}/transcripts/${transcript.id}/summary`).then(
      setSummary,
      (e: Error) => setProblem(e.message),
    );
  }, [projectId, transcript.id]);
  const remove = async () => {
    setDeleting(true);
    try {
      await api("DELETE", `/projects/${projectId}/transcripts/${transcript.id}`);
      props.close();
      props.onDeleted();
    } catch (error) {
      setProblem((error as Error).message);
      setDeleting(false);
    }
  };
  return (
    <>
      <Heading slot="title">Delete “{transcript.name}”?</Heading>
      <p>This takes out of the project, for everyone:</p>
      <ul className="deletes">
        <li>its text ({counted(transcript.words, "word")})</li>
        <li>{summary ? counted(summary.codings, "coding") : "its codings"}, by everyone who coded it</li>
        <li>
          {summary ? counted(summary.threads, "comment thread") : "its comment threads"} on its passages
        </li>
        <li>its memo</li>
      </ul>
      <p className="hint">
        Open pages of it close. An administrator can still recover it from the data folder; nobody can from
        Concord.
      </p>
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      <div className="dialog-actions">
        <Button className="secondary" onPress={props.close}>
          Keep it
        </Button>
        <Button className="danger" onPress={remove} isDisabled={deleting}>
          {deleting ? "Deleting…" : "Delete transcript"}
        </Button>
      </div>
    </>
  );
}

/** An owner's "Delete…" for a transcript, with a confirmation that says what it deletes. */
export function DeleteTranscriptDialog(props: {
  projectId: string;
  transcript: { id: string; name: string; words: number };
  onDeleted: () => void;
}) {
  return (
    <DialogTrigger>
      <Button className="link-button danger-link" aria-label={`Delete ${props.transcript.name}`}>
        Delete…
      </Button>
      <ModalOverlay className="dialog-backdrop" isDismissable>
        <Modal className="dialog narrow">
          <Dialog className="dialog-body" role="alertdialog">
            {({ close }) => <Confirmation {...props} close={close} />}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}
