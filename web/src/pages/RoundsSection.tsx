import { type CodeEntry, counted, type Round } from "@concord/schema";
import { type FormEvent, useCallback, useEffect, useRef, useState } from "react";
import { Button, Dialog, DialogTrigger, Heading, Modal, ModalOverlay } from "react-aria-components";
import { Link, useLocation } from "wouter";
import { api, type Member } from "../api/api-client";
import { type MeetingPreparation, PrepareMeetingDialog } from "./PrepareMeetingDialog";

const STATUS_WORDS: Record<Round["status"], string> = {
  open: "open: coders code blind",
  closed: "closed: waiting to be revealed",
  revealed: "revealed",
};

/** The form of a new round: its name, transcripts, coders, codes and whether owners may watch. */
function NewRoundForm(props: {
  projectId: string;
  transcripts: readonly { id: string; name: string }[];
  members: readonly Member[];
  codes: readonly CodeEntry[];
  close: () => void;
  onCreated: () => void;
}) {
  const [name, setName] = useState("");
  const [transcriptIds, setTranscriptIds] = useState<string[]>([]);
  const [coderIds, setCoderIds] = useState<string[]>([]);
  const [codeIds, setCodeIds] = useState<string[]>([]);
  const [monitor, setMonitor] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const toggle = (list: string[], set: (next: string[]) => void, id: string) => {
    set(list.includes(id) ? list.filter((x) => x !== id) : [...list, id]);
    setProblem(null);
  };
  const error = useRef<HTMLParagraphElement>(null);
  // A refusal is said where it is seen: the form is taller than a laptop's screen.
  useEffect(() => {
    if (problem) error.current?.scrollIntoView({ block: "nearest" });
  }, [problem]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setProblem(null);
    try {
      await api("POST", `/projects/${props.projectId}/rounds`, {
        name,
        transcriptIds,
        coderIds,
        codeIds: codeIds.length > 0 ? codeIds : null,
        monitor,
      });
      props.close();
      props.onCreated();
    } catch (error) {
      setProblem((error as Error).message);
      setSaving(false);
    }
  };
  const liveCodes = props.codes.filter((code) => !code.archived && code.mergedInto === null);
  return (
    <form onSubmit={submit} className="round-form">
      <Heading slot="title">New coding round</Heading>
      <p className="hint">
        Each coder codes the chosen transcripts into a layer of their own. Nobody sees another coder's layer,
        cursor or comments on these transcripts until you reveal the round.
      </p>
      <label>
        Name
        <input
          value={name}
          onChange={(e) => {
            setName(e.target.value);
            setProblem(null);
          }}
          required
          maxLength={200}
          // biome-ignore lint/a11y/noAutofocus: the dialog opens to be filled in, starting with its name
          autoFocus
        />
      </label>
      <fieldset>
        <legend>Transcripts</legend>
        {props.transcripts.map((t) => (
          <label key={t.id} className="checkbox">
            <input
              type="checkbox"
              checked={transcriptIds.includes(t.id)}
              onChange={() => toggle(transcriptIds, setTranscriptIds, t.id)}
            />
            {t.name}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Coders (two or more)</legend>
        {props.members
          .filter((m) => m.role !== "observer")
          .map((m) => (
            <label key={m.userId} className="checkbox">
              <input
                type="checkbox"
                checked={coderIds.includes(m.userId)}
                onChange={() => toggle(coderIds, setCoderIds, m.userId)}
              />
              {m.name}
            </label>
          ))}
      </fieldset>
      <fieldset>
        <legend>Codes (none chosen: every code)</legend>
        {liveCodes.map((code) => (
          <label key={code.id} className="checkbox">
            <input
              type="checkbox"
              checked={codeIds.includes(code.id)}
              onChange={() => toggle(codeIds, setCodeIds, code.id)}
            />
            {code.name}
          </label>
        ))}
        {liveCodes.length === 0 && <p className="hint">The codebook has no codes yet.</p>}
      </fieldset>
      <label className="checkbox">
        <input type="checkbox" checked={monitor} onChange={(e) => setMonitor(e.target.checked)} />
        Let owners watch the layers and agreement while the round runs
      </label>
      {problem && (
        <p className="form-error" role="alert" ref={error}>
          {problem}
        </p>
      )}
      <div className="dialog-actions">
        <Button className="secondary" onPress={props.close}>
          Cancel
        </Button>
        <Button type="submit" isDisabled={saving}>
          {saving ? "Starting…" : "Start the round"}
        </Button>
      </div>
    </form>
  );
}

/** The owner's "Reveal…", with a confirmation: a reveal cannot be taken back. */
function RevealDialog(props: { round: Round; onReveal: () => Promise<void> }) {
  return (
    <DialogTrigger>
      <Button className="link-button">Reveal…</Button>
      <ModalOverlay className="dialog-backdrop" isDismissable>
        <Modal className="dialog narrow">
          <Dialog className="dialog-body" role="alertdialog">
            {({ close }) => (
              <>
                <Heading slot="title">Reveal “{props.round.name}”?</Heading>
                <p>
                  Every member will read every coder's layer and the round's agreement. The layers stay as
                  they are, read-only, as the round's record. A reveal cannot be taken back.
                </p>
                <p className="hint">
                  {props.round.monitor
                    ? "You have watched the layers: check that every coder has coded every transcript."
                    : "Nobody can see the layers before the reveal: ask the coders whether they have finished."}
                </p>
                <div className="dialog-actions">
                  <Button className="secondary" onPress={close}>
                    Not yet
                  </Button>
                  <Button
                    onPress={() => {
                      close();
                      void props.onReveal();
                    }}
                  >
                    Reveal the round
                  </Button>
                </div>
              </>
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}

/**
 * The project page's coding rounds: every member sees them and where they stand; owners start,
 * close, reopen and reveal them; once a round may be compared, a link leads to its agreement.
 */
export function RoundsSection(props: {
  projectId: string;
  role: Member["role"];
  userId: string;
  archived: boolean;
  transcripts: readonly { id: string; name: string }[];
  members: readonly Member[];
  codes: readonly CodeEntry[];
  /** Changes whenever the server says the project changed (a round started or moved). */
  refresh: string;
}) {
  const [rounds, setRounds] = useState<Round[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const load = useCallback(async () => {
    const result = await api<{ rounds: Round[] }>("GET", `/projects/${props.projectId}/rounds`);
    setRounds(result.rounds);
  }, [props.projectId]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: refresh is the trigger
  useEffect(() => {
    load().catch((error: Error) => setProblem(error.message));
  }, [load, props.refresh]);
  const move = async (round: Round, verb: "close" | "open" | "reveal") => {
    setProblem(null);
    try {
      await api("POST", `/projects/${props.projectId}/rounds/${round.id}/${verb}`);
      await load();
    } catch (error) {
      setProblem((error as Error).message);
    }
  };
  const owner = props.role === "owner" && !props.archived;
  const [, navigate] = useLocation();
  const [meetings, setMeetings] = useState<{ id: string; roundId: string | null; title: string }[]>([]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: refresh is the trigger
  useEffect(() => {
    api<{ meetings: { id: string; roundId: string | null; title: string }[] }>(
      "GET",
      `/projects/${props.projectId}/meetings`,
    ).then(
      (r) => setMeetings(r.meetings),
      () => {},
    );
  }, [props.projectId, props.refresh]);
  const prepareMeeting = async (round: Round | null, preparation: MeetingPreparation) => {
    setProblem(null);
    try {
      const made = await api<{ meeting: { id: string } }>("POST", `/projects/${props.projectId}/meetings`, {
        ...(round ? { roundId: round.id } : {}),
        ...preparation,
      });
      navigate(`/projects/${props.projectId}/meetings/${made.meeting.id}`);
    } catch (error) {
      setProblem((error as Error).message);
    }
  };
  const nameOf = (id: string) => props.members.find((m) => m.userId === id)?.name ?? "a former member";
  const transcriptName = (id: string) =>
    props.transcripts.find((t) => t.id === id)?.name ?? "a deleted transcript";
  const coders = props.members.filter((m) => m.role !== "observer");
  /** The dialog preparing a meeting on `round`, or (null) on the shared codings. */
  const prepareDialog = (round: Round | null) => (
    <PrepareMeetingDialog
      projectId={props.projectId}
      round={round}
      transcripts={props.transcripts}
      coders={coders}
      codes={props.codes}
      nameOf={nameOf}
      transcriptName={transcriptName}
      onPrepare={(preparation) => prepareMeeting(round, preparation)}
    />
  );
  return (
    <section aria-labelledby="rounds-heading">
      <h3 id="rounds-heading">Coding rounds</h3>
      {/* On shared codings a decision takes the place of coders' own codings: an owner's to prepare. */}
      {owner && (
        <div className="rounds-actions">
          {prepareDialog(null)}
          <DialogTrigger>
            <Button>New round…</Button>
            <ModalOverlay className="dialog-backdrop" isDismissable>
              <Modal className="dialog">
                <Dialog className="dialog-body">
                  {({ close }) => (
                    <NewRoundForm
                      projectId={props.projectId}
                      transcripts={props.transcripts}
                      members={props.members}
                      codes={props.codes}
                      close={close}
                      onCreated={() => void load()}
                    />
                  )}
                </Dialog>
              </Modal>
            </ModalOverlay>
          </DialogTrigger>
        </div>
      )}
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      {rounds && rounds.length === 0 && (
        <p className="hint">
          No rounds yet. A round has chosen coders code the same transcripts independently, then compares
          them.
        </p>
      )}
      <ul className="project-list" aria-label="Coding rounds">
        {rounds?.map((round) => {
          const mine = round.coderIds.includes(props.userId);
          const comparable = round.status === "revealed" || (props.role === "owner" && round.monitor);
          return (
            <li key={round.id} data-round={round.name}>
              <strong>{round.name}</strong>{" "}
              <span className={`round-status ${round.status}`}>{STATUS_WORDS[round.status]}</span>
              <span className="hint">
                {counted(round.transcriptIds.length, "transcript")} (
                {round.transcriptIds.map(transcriptName).join(", ")}) · coders:{" "}
                {round.coderIds.map(nameOf).join(", ")}
                {round.monitor ? " · owners watch" : ""}
                {mine && round.status === "open" ? " · you code in it" : ""}
              </span>
              <span className="round-actions">
                {comparable && (
                  <Link href={`/projects/${props.projectId}/rounds/${round.id}`}>Agreement</Link>
                )}
                {round.status === "revealed" &&
                  props.role !== "observer" &&
                  !props.archived &&
                  !meetings.some((m) => m.roundId === round.id) &&
                  prepareDialog(round)}
                {meetings
                  .filter((m) => m.roundId === round.id)
                  .map((m) => (
                    <Link key={m.id} href={`/projects/${props.projectId}/meetings/${m.id}`}>
                      {m.title}
                    </Link>
                  ))}
                {owner && round.status === "open" && (
                  <button type="button" className="link-button" onClick={() => void move(round, "close")}>
                    Close for coding
                  </button>
                )}
                {owner && round.status === "closed" && (
                  <>
                    <button type="button" className="link-button" onClick={() => void move(round, "open")}>
                      Reopen
                    </button>
                    <RevealDialog round={round} onReveal={() => move(round, "reveal")} />
                  </>
                )}
              </span>
            </li>
          );
        })}
      </ul>
      {meetings.some((m) => m.roundId === null) && (
        <p>
          Meetings on shared codings:{" "}
          {meetings
            .filter((m) => m.roundId === null)
            .map((m, i) => (
              <span key={m.id}>
                {i > 0 && " · "}
                <Link href={`/projects/${props.projectId}/meetings/${m.id}`}>{m.title}</Link>
              </span>
            ))}
        </p>
      )}
    </section>
  );
}
