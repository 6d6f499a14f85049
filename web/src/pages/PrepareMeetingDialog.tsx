import type { CodeEntry, Round } from "@concord/schema";
import { type FormEvent, useId, useMemo, useState } from "react";
import { Button, Dialog, DialogTrigger, Heading, Modal, ModalOverlay } from "react-aria-components";
import { AgendaPreviewLine } from "./AgendaPreviewLine";

/** What a meeting is prepared with: how far boundaries may differ, and how its agenda is laid out. */
export interface MeetingPreparation {
  readonly tolerance: number | "turn";
  readonly order: "position" | "impact";
  readonly groupBy: "transcript" | "code";
  readonly filter: { codeIds?: string[]; coderIds?: string[]; transcriptIds?: string[] };
  /** For a meeting on shared codings: the transcripts and the coders to compare. */
  readonly shared?: { transcriptIds: string[]; coderIds: string[] };
}

const toggled = (list: readonly string[], value: string) =>
  list.includes(value) ? list.filter((v) => v !== value) : [...list, value];

/** Checkboxes choosing some of `options` (id and name). */
function Choices(props: {
  legend: string;
  options: readonly { id: string; name: string }[];
  chosen: readonly string[];
  onChange: (chosen: string[]) => void;
}) {
  return (
    <fieldset className="choices">
      <legend>{props.legend}</legend>
      {props.options.map((option) => (
        <label key={option.id} className="checkbox">
          <input
            type="checkbox"
            checked={props.chosen.includes(option.id)}
            onChange={() => props.onChange(toggled(props.chosen, option.id))}
          />
          {option.name}
        </label>
      ))}
    </fieldset>
  );
}

/**
 * Preparing a meeting, on a revealed round or (with `round` null) on the shared codings of chosen
 * transcripts by chosen coders: the facilitator sets the tolerance (characters, or the same turn),
 * the agenda's order and grouping, and what it keeps (a code, a coder, a transcript).
 */
export function PrepareMeetingDialog(props: {
  projectId: string;
  round: Round | null;
  /** The project's transcripts and the members who code, to choose from for shared codings. */
  transcripts: readonly { id: string; name: string }[];
  coders: readonly { userId: string; name: string }[];
  codes: readonly CodeEntry[];
  nameOf: (userId: string) => string;
  transcriptName: (transcriptId: string) => string;
  onPrepare: (preparation: MeetingPreparation) => Promise<void>;
}) {
  const { round, codes, nameOf, transcriptName } = props;
  const id = useId();
  const [turn, setTurn] = useState(false);
  const [characters, setCharacters] = useState(0);
  const [order, setOrder] = useState<"position" | "impact">("position");
  const [groupBy, setGroupBy] = useState<"transcript" | "code">("transcript");
  const [codeId, setCodeId] = useState("");
  const [coderId, setCoderId] = useState("");
  const [transcriptId, setTranscriptId] = useState("");
  const [chosenTranscripts, setChosenTranscripts] = useState<string[]>([]);
  const [chosenCoders, setChosenCoders] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const usable = codes.filter(
    (c) => c.mergedInto === null && (!round?.codeIds || round.codeIds.includes(c.id)),
  );
  const coderIds = round ? round.coderIds : chosenCoders;
  const transcriptIds = round ? round.transcriptIds : chosenTranscripts;
  const ready = round !== null || (chosenTranscripts.length > 0 && chosenCoders.length >= 2);
  const preparation: MeetingPreparation = useMemo(
    () => ({
      tolerance: turn ? "turn" : characters,
      order,
      groupBy,
      filter: {
        ...(codeId ? { codeIds: [codeId] } : {}),
        ...(coderId ? { coderIds: [coderId] } : {}),
        ...(transcriptId ? { transcriptIds: [transcriptId] } : {}),
      },
      ...(round ? {} : { shared: { transcriptIds: chosenTranscripts, coderIds: chosenCoders } }),
    }),
    [turn, characters, order, groupBy, codeId, coderId, transcriptId, round, chosenTranscripts, chosenCoders],
  );
  const submit = async (event: FormEvent, close: () => void) => {
    event.preventDefault();
    setBusy(true);
    await props.onPrepare(preparation);
    setBusy(false);
    close();
  };
  const select = (label: string, value: string, set: (v: string) => void, options: [string, string][]) => (
    <div className="field prepare-field">
      <label htmlFor={`${id}-${label}`}>{label}</label>
      <select id={`${id}-${label}`} value={value} onChange={(event) => set(event.target.value)}>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <DialogTrigger>
      <Button className={round ? "link-button" : "secondary"}>
        {round ? "Prepare a meeting" : "Meeting on shared codings…"}
      </Button>
      <ModalOverlay className="dialog-backdrop" isDismissable>
        <Modal className="dialog narrow">
          <Dialog className="dialog-body">
            {({ close }) => (
              <form onSubmit={(event) => void submit(event, close)}>
                <Heading slot="title">
                  {round ? `A meeting on “${round.name}”` : "A meeting on the shared codings"}
                </Heading>
                {!round && (
                  <>
                    <p className="hint">
                      Where coders who coded live, together, differ. A decision takes the place of the
                      versions it settles, and each coder is told.
                    </p>
                    <Choices
                      legend="Transcripts"
                      options={props.transcripts}
                      chosen={chosenTranscripts}
                      onChange={setChosenTranscripts}
                    />
                    <Choices
                      legend="Coders to compare (two or more)"
                      options={props.coders.map((m) => ({ id: m.userId, name: m.name }))}
                      chosen={chosenCoders}
                      onChange={setChosenCoders}
                    />
                  </>
                )}
                <fieldset className="tolerance">
                  <legend>Boundaries agree when they differ by no more than</legend>
                  <label className="choice">
                    <input
                      type="radio"
                      name={`${id}-tolerance`}
                      aria-label="A number of characters"
                      checked={!turn}
                      onChange={() => setTurn(false)}
                    />
                    <input
                      type="number"
                      min={0}
                      max={10_000}
                      aria-label="Characters"
                      value={characters}
                      disabled={turn}
                      onChange={(event) => setCharacters(Math.max(0, Math.round(Number(event.target.value))))}
                    />{" "}
                    characters
                  </label>
                  <label className="choice">
                    <input
                      type="radio"
                      name={`${id}-tolerance`}
                      checked={turn}
                      onChange={() => setTurn(true)}
                    />
                    they are in the same turn
                  </label>
                </fieldset>
                <div className="prepare-fields">
                  {select("Order", order, (v) => setOrder(v as "position" | "impact"), [
                    ["position", "In the text's order"],
                    ["impact", "Biggest effect first"],
                  ])}
                  {select("Group by", groupBy, (v) => setGroupBy(v as "transcript" | "code"), [
                    ["transcript", "Transcript"],
                    ["code", "Code"],
                  ])}
                  {select("Only the code", codeId, setCodeId, [
                    ["", "Every code"],
                    ...usable.map((c): [string, string] => [c.id, c.name]),
                  ])}
                  {select("Only involving the coder", coderId, setCoderId, [
                    ["", "Every coder"],
                    ...coderIds.map((c): [string, string] => [c, nameOf(c)]),
                  ])}
                  {transcriptIds.length > 1 &&
                    select("Only the transcript", transcriptId, setTranscriptId, [
                      ["", "Every transcript"],
                      ...transcriptIds.map((t): [string, string] => [t, transcriptName(t)]),
                    ])}
                </div>
                <AgendaPreviewLine
                  projectId={props.projectId}
                  request={ready ? { ...(round ? { roundId: round.id } : {}), ...preparation } : null}
                  onRound={round !== null}
                />
                <div className="dialog-actions">
                  <Button className="secondary" onPress={close}>
                    Cancel
                  </Button>
                  <Button type="submit" isDisabled={busy || !ready}>
                    {busy ? "Preparing…" : "Start the meeting"}
                  </Button>
                </div>
              </form>
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}
