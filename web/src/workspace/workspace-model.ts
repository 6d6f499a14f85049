import { formatRoomName, mayReadLayer, mayWriteLayer, type Role, type Round } from "@concord/schema";

/** Which codings the text shows: the transcript's shared codings, or coders' layers of one round. */
export type Shown =
  | { readonly kind: "shared" }
  | { readonly kind: "layers"; readonly roundId: string; readonly coderIds: readonly string[] };

/** Where a new coding goes: the shared codings, or one's own layer of a round; null: nowhere. */
export type CodingTarget =
  | { readonly kind: "shared" }
  | { readonly kind: "layer"; readonly round: Round }
  | null;

/** What the transcript workspace shows, shared by its panels. */
export interface WorkspaceSnapshot {
  /** The project's rounds that include this transcript. */
  readonly rounds: readonly Round[];
  readonly shown: Shown;
  readonly role: Role | null;
}

const SHARED: Shown = { kind: "shared" };

/**
 * The transcript workspace's own state, outside React: which rounds include the transcript, which
 * codings are shown, and where coding goes. Panels read it (`subscribe` and `snapshot` suit
 * `useSyncExternalStore`) and change it; the server decides what may be read, and this model only
 * offers what the server would allow.
 */
export class WorkspaceModel {
  private state: WorkspaceSnapshot = { rounds: [], shown: SHARED, role: null };
  /** Whether the person chose what to show, rather than the model (a blind round's layer, on opening). */
  private chosen = false;
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly projectId: string,
    readonly transcriptId: string,
    readonly userId: string,
  ) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly snapshot = (): WorkspaceSnapshot => this.state;

  /**
   * Takes the project's rounds and the person's role as the server now says. Someone coding the
   * transcript blind is shown their own layer unless they chose otherwise; a view that may no
   * longer be read (a role changed) falls back to the shared codings.
   */
  update(rounds: readonly Round[], role: Role | null): void {
    const mine = rounds.filter((round) => round.transcriptIds.includes(this.transcriptId));
    let shown = this.state.shown;
    const blind = mine.find((round) => round.status !== "revealed" && round.coderIds.includes(this.userId));
    if (!this.chosen && blind) shown = { kind: "layers", roundId: blind.id, coderIds: [this.userId] };
    if (shown.kind === "layers") {
      const { roundId, coderIds } = shown;
      const round = mine.find((r) => r.id === roundId);
      const readable = round ? coderIds.filter((id) => mayReadLayer(round, id, this.userId, role)) : [];
      shown = readable.length === 0 ? SHARED : { kind: "layers", roundId, coderIds: readable };
    }
    this.set({ rounds: mine, shown, role });
  }

  /** Shows other codings, as the person asked. */
  show(shown: Shown): void {
    this.chosen = true;
    this.set({ ...this.state, shown });
  }

  /** The round a layer view is of, or null for the shared codings. */
  shownRound(): Round | null {
    const { shown, rounds } = this.state;
    return shown.kind === "layers" ? (rounds.find((r) => r.id === shown.roundId) ?? null) : null;
  }

  /** The round this person codes the transcript blind in (a coder of it, not yet revealed), if any. */
  blindRound(): Round | null {
    return (
      this.state.rounds.find(
        (round) => round.status !== "revealed" && round.coderIds.includes(this.userId),
      ) ?? null
    );
  }

  /** The coders of `round` whose layers this person may read. */
  readableCoders(round: Round): string[] {
    return round.coderIds.filter((id) => mayReadLayer(round, id, this.userId, this.state.role));
  }

  /**
   * Where a coding made now goes: one's own layer when only it is shown and its round is open; the
   * shared codings otherwise, except while coding the transcript blind (the server refuses them then).
   */
  codingTarget(): CodingTarget {
    const round = this.shownRound();
    if (!round) return this.blindRound() ? null : { kind: "shared" };
    const { shown } = this.state;
    const own = shown.kind === "layers" && shown.coderIds.length === 1 && shown.coderIds[0] === this.userId;
    return own && mayWriteLayer(round, this.userId, this.userId, this.state.role)
      ? { kind: "layer", round }
      : null;
  }

  /** The rooms of the layers shown, in the round's order of coders. */
  layerRooms(): string[] {
    const round = this.shownRound();
    const { shown } = this.state;
    if (!round || shown.kind !== "layers") return [];
    return round.coderIds
      .filter((id) => shown.coderIds.includes(id))
      .map((userId) =>
        formatRoomName({
          kind: "layer",
          projectId: this.projectId,
          transcriptId: this.transcriptId,
          roundId: round.id,
          userId,
        }),
      );
  }

  private set(next: WorkspaceSnapshot): void {
    this.state = next;
    for (const listener of this.listeners) listener();
  }
}
