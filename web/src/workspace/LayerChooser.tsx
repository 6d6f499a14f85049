import type { Round } from "@concord/schema";
import type { Shown, WorkspaceModel, WorkspaceSnapshot } from "./workspace-model";

/** The value of a choice in the list: the shared codings, or a round's layers (one coder's or all). */
function choiceValue(shown: Shown): string {
  return shown.kind === "shared" ? "shared" : `${shown.roundId}:${shown.coderIds.join(",")}`;
}

/**
 * Chooses which codings the text shows: the shared ones, or a round's layers as this person may read
 * them (their own while coding blind; every coder's, one at a time or all together, once revealed).
 */
export function LayerChooser({
  model,
  snapshot,
  nameOf,
}: {
  model: WorkspaceModel;
  snapshot: WorkspaceSnapshot;
  nameOf: (userId: string) => string;
}) {
  const options: { value: string; label: string; shown: Shown }[] = [
    { value: "shared", label: "Shared codings", shown: { kind: "shared" } },
  ];
  const add = (round: Round, coderIds: string[], label: string) => {
    const shown: Shown = { kind: "layers", roundId: round.id, coderIds };
    options.push({ value: choiceValue(shown), label, shown });
  };
  for (const round of snapshot.rounds) {
    const readable = model.readableCoders(round);
    for (const coderId of readable) {
      add(round, [coderId], `${round.name}: ${coderId === model.userId ? "my layer" : nameOf(coderId)}`);
    }
    if (readable.length > 1) add(round, readable, `${round.name}: all coders, a colour each`);
  }
  // Some coders of a round shown together (a link from the dashboard for a pair): offered as they are.
  const current = snapshot.shown;
  if (current.kind === "layers" && !options.some((o) => o.value === choiceValue(current))) {
    const round = snapshot.rounds.find((r) => r.id === current.roundId);
    if (round)
      add(round, [...current.coderIds], `${round.name}: ${current.coderIds.map(nameOf).join(" & ")}`);
  }
  if (options.length === 1) return null;
  return (
    <label>
      Show{" "}
      <select
        aria-label="Which codings to show"
        value={choiceValue(snapshot.shown)}
        onChange={(event) => {
          const chosen = options.find((option) => option.value === event.target.value);
          if (chosen) model.show(chosen.shown);
        }}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** What the page says while its person codes blind, or looks at a round's layers. */
export function LayerNotice({
  model,
  snapshot,
  nameOf,
  colourOf,
}: {
  model: WorkspaceModel;
  snapshot: WorkspaceSnapshot;
  nameOf: (userId: string) => string;
  colourOf: (userId: string) => string;
}) {
  const round = model.shownRound();
  const blind = model.blindRound();
  if (round && model.codingTarget()?.kind === "layer") {
    return (
      <p className="notice round-notice" role="status">
        You are coding blind in “{round.name}”: your codings, and your comments on this transcript, go to your
        own layer, and nobody else sees them until the round is revealed (mentions tell nobody until then).
        The shared codings are hidden;{" "}
        <button type="button" className="link-button" onClick={() => model.show({ kind: "shared" })}>
          show them
        </button>
        .
      </p>
    );
  }
  if (round) {
    const why =
      round.status === "revealed"
        ? "revealed: every layer is kept as a record, read-only"
        : round.status === "closed"
          ? "closed for coding: layers are read-only"
          : "running";
    const shown = snapshot.shown.kind === "layers" ? snapshot.shown.coderIds : [];
    return (
      <p className="notice round-notice" role="status">
        Showing{" "}
        {shown.length === 1
          ? shown[0] === model.userId
            ? "your layer"
            : `${nameOf(shown[0] as string)}'s layer`
          : "layers"}{" "}
        of “{round.name}” ({why}).
        {shown.length > 1 && (
          <span className="coder-key">
            {" "}
            Colours:{" "}
            {shown.map((id) => (
              <span key={id} className="coder-key-entry">
                <i className="dot" style={{ background: colourOf(id) }} /> {nameOf(id)}
              </span>
            ))}
          </span>
        )}
      </p>
    );
  }
  if (blind && snapshot.shown.kind === "shared") {
    return (
      <p className="notice round-notice" role="status">
        You code this transcript blind in “{blind.name}”: these are the shared codings.{" "}
        <button
          type="button"
          className="link-button"
          onClick={() => model.show({ kind: "layers", roundId: blind.id, coderIds: [model.userId] })}
        >
          Back to my layer
        </button>
      </p>
    );
  }
  return null;
}
