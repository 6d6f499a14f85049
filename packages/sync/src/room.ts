import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import { CloseCode } from "./close-codes";
import { type Access, Connection, type ConnectionIdentity } from "./connection";
import type { Logger } from "./logger";
import { decodePresence, encodePresence, type PresenceEntry, presenceProblem } from "./presence-guard";
import {
  type ClientMessage,
  decodeClientMessage,
  encodeAwareness,
  encodeAwarenessStates,
  encodePermissionDenied,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncUpdate,
  isEmptyUpdate,
  ProtocolError,
} from "./protocol";
import type { SyncSocket } from "./socket";
import type { DocumentStorage } from "./storage";
import { documentFromStorage } from "./stored-document";
import { IncompleteUpdate, MalformedUpdate, readUpdateChanges, type UpdateChanges } from "./update-changes";
import {
  type ClientLog,
  type RefusalLog,
  type RefusedWrite,
  refusedWrites,
  repeatsRefusal,
  type UpdatePolicy,
} from "./update-policy";

/** Tuning for a room; the registry fills these from the server's configuration. */
export interface RoomOptions {
  readonly name: string;
  readonly storage: DocumentStorage;
  readonly logger: Logger;
  /** Fold the update log into a snapshot once it holds this many updates. */
  readonly compactEvery: number;
  /** Close a connection whose socket has more than this many bytes waiting to be written. */
  readonly maxBufferedBytes: number;
  /** Called when the last connection leaves, so the owner can unload the room later. */
  readonly onEmpty: (room: Room) => void;
  /** Called when the room cannot go on (storage failed); every connection is already closed. */
  readonly onFailed: (room: Room) => void;
  /** Decides whether a client's update may be stored; without one, any update that applies is. */
  readonly policy?: UpdatePolicy | null;
  /** Called with a policy's effects once the update they came with is committed and applied. */
  readonly onAccepted?: (room: Room, effects: readonly unknown[], writer: Connection) => void;
  /** Where refused writes are remembered; without one, only while the room is loaded. */
  readonly refusals?: RefusalLog;
  /** Who wrote with each client id; without one, only while the room is loaded. */
  readonly clients?: ClientLog;
  /** The most a document may take in storage (its snapshot and log, in bytes); none: no limit. */
  readonly maxDocumentBytes?: number;
  /**
   * Asked before a client's update of `bytes` is stored: a reason to refuse it (a project over its
   * storage quota), or null. Called only for updates that will be stored.
   */
  readonly admit?: (room: Room, bytes: number) => string | null;
  /** Presence limits: the largest state (JSON characters) and client ids per connection. */
  readonly presence?: { readonly maxStateLength: number; readonly maxClientsPerConnection: number };
  /**
   * What the others are shown of a presence state that passed the checks (its JSON text), as sent by
   * `principal`: the state itself, or less of it (a blind coder's cursor left out, say).
   */
  readonly presenceShown?: PresenceShown;
}

/** See {@link RoomOptions.presenceShown}. */
export type PresenceShown = (principal: string | null, json: string) => string;

const defaultPresence = { maxStateLength: 16_384, maxClientsPerConnection: 1 };

/** How many updates one connection may have waiting for what they build on before it is closed. */
const MAX_WAITING_PER_CONNECTION = 64;
/** And how many bytes of them, so that waiting updates cannot hold memory hostage. */
const MAX_WAITING_BYTES_PER_CONNECTION = 16 * 1024 * 1024;

interface PendingUpdate {
  readonly update: Uint8Array;
  /** The connection that sent it, or null for a change the server makes itself. */
  readonly origin: Connection | null;
}

/**
 * One shared document and the clients connected to it, speaking the y-websocket protocol.
 *
 * The room's `doc` only ever holds what storage has committed: each client update is reduced to
 * what is new, appended to storage, and only then applied and broadcast. So nothing a client
 * receives from the room can be lost by a crash, and sync replies never leak uncommitted state.
 */
export class Room {
  readonly name: string;
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  private readonly connections = new Set<Connection>();
  private readonly pending: PendingUpdate[] = [];
  /** Client updates that build on what has not arrived yet, tried again after each commit. */
  private readonly waiting: PendingUpdate[] = [];
  private readonly refusedConnections = new WeakSet<Connection>();
  private draining: Promise<void> | null = null;
  private compacting: Promise<void> | null = null;
  private lastSeq: number;
  private storedUpdates: number;
  /** Bytes the document takes in storage now: snapshot plus log. */
  private storedBytes: number;
  private failed = false;
  private readonly logger: Logger;
  /** Writes refused before, by writer: never stored when that writer sends them again. */
  private readonly refused = new Map<string, RefusedWrite[]>();
  /** The person who writes with each client id of the document. */
  private readonly clientOwners: Map<number, string>;
  /** Which connection speaks for each presence client id (others' copies of it are echoes). */
  private readonly presenceOwners = new Map<number, Connection>();
  /**
   * The whole document as one update, encoded once and kept until the document changes (a coded
   * transcript is megabytes to encode): for newcomers with an empty copy and for pages fetching it.
   */
  private wholeUpdate: Uint8Array | null = null;

  private constructor(
    private readonly options: RoomOptions,
    doc: Y.Doc,
    lastSeq: number,
    storedUpdates: number,
    storedBytes: number,
    refused: readonly RefusedWrite[],
    clientOwners: ReadonlyMap<number, string>,
  ) {
    this.name = options.name;
    for (const write of refused) this.remember(write);
    this.clientOwners = new Map(clientOwners);
    this.logger = options.logger;
    this.doc = doc;
    this.lastSeq = lastSeq;
    this.storedUpdates = storedUpdates;
    this.storedBytes = storedBytes;
    this.awareness = new awarenessProtocol.Awareness(doc);
    this.awareness.setLocalState(null);
    this.doc.on("update", this.handleDocUpdate);
    this.awareness.on("update", this.handleAwarenessUpdate);
  }

  /** Loads a room's document from storage. A stored update that cannot be applied is skipped and logged. */
  static async load(options: RoomOptions): Promise<Room> {
    const stored = await options.storage.load(options.name);
    const doc = documentFromStorage(stored, (error, index) =>
      index === null
        ? options.logger.error({ err: error }, "stored updates do not merge; applying one at a time")
        : options.logger.error({ err: error, index }, "skipping a stored update that does not apply"),
    );
    const refused = (await options.refusals?.load(options.name)) ?? [];
    const owners = (await options.clients?.load(options.name)) ?? new Map<number, string>();
    const bytes = (stored.snapshot?.byteLength ?? 0) + stored.updates.reduce((n, u) => n + u.byteLength, 0);
    return new Room(options, doc, stored.lastSeq, stored.updates.length, bytes, refused, owners);
  }

  /** Number of open connections. */
  get connectionCount(): number {
    return this.connections.size;
  }

  /** The people (principals) with a connection open, each once. */
  principals(): string[] {
    const people = new Set<string>();
    for (const connection of this.connections) if (connection.principal) people.add(connection.principal);
    return [...people];
  }

  /** Whether the room still has updates on their way to storage. */
  get isIdle(): boolean {
    return this.pending.length === 0 && this.draining === null && this.compacting === null;
  }

  /** Attaches a socket; the room sends its sync step 1 and the current awareness at once. */
  connect(socket: SyncSocket, identity: ConnectionIdentity): Connection {
    const connection = new Connection(identity, socket, this.logger, this.options.maxBufferedBytes);
    if (this.failed) {
      connection.close(CloseCode.internalError, "room unavailable");
      return connection;
    }
    this.connections.add(connection);
    connection.send(encodeSyncStep1(Y.encodeStateVector(this.doc)));
    const states = encodeAwarenessStates(this.awareness, [...this.awareness.getStates().keys()]);
    if (states) connection.send(states);
    return connection;
  }

  /** Handles one binary message from `connection`. A bad message closes only that connection. */
  receive(connection: Connection, bytes: Uint8Array): void {
    if (!connection.isOpen) return;
    let message: ClientMessage;
    try {
      message = decodeClientMessage(bytes);
    } catch (error) {
      this.reject(connection, error);
      return;
    }
    try {
      this.handleMessage(connection, message);
    } catch (error) {
      this.reject(connection, error);
    }
  }

  /** Forgets a connection whose socket closed; its presence disappears for everyone else. */
  disconnect(connection: Connection): void {
    connection.markClosed();
    if (!this.connections.delete(connection)) return;
    for (let i = this.waiting.length - 1; i >= 0; i--) {
      if (this.waiting[i]?.origin === connection) this.waiting.splice(i, 1);
    }
    for (const client of connection.awarenessClients) {
      if (this.presenceOwners.get(client) === connection) this.presenceOwners.delete(client);
    }
    if (connection.awarenessClients.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...connection.awarenessClients], null);
    }
    if (this.connections.size === 0) this.options.onEmpty(this);
  }

  /** Closes every connection `select` picks, with `code`. Returns how many were closed. */
  closeConnections(select: (connection: Connection) => boolean, code: number, reason: string): number {
    let closed = 0;
    for (const connection of [...this.connections]) {
      if (!select(connection)) continue;
      connection.close(code, reason);
      this.disconnect(connection);
      closed += 1;
    }
    return closed;
  }

  /**
   * Decides again what each connection may do (after a membership or project change): a connection
   * for which `decide` returns null is closed with `code`; the others get the access it returns,
   * effective from their next message.
   */
  reauthorize(
    decide: (connection: Connection) => Access | null,
    code: number,
    reason = "access revoked",
  ): void {
    for (const connection of [...this.connections]) {
      const access = decide(connection);
      if (access === null) {
        connection.close(code, reason);
        this.disconnect(connection);
      } else {
        connection.access = access;
      }
    }
  }

  /** Resolves once every update received so far is committed and applied. */
  async flush(): Promise<void> {
    while (this.draining) await this.draining;
  }

  /** Folds the stored log into one snapshot now (if there is anything to fold). */
  async compact(): Promise<void> {
    if (this.compacting) return this.compacting;
    if (this.storedUpdates === 0 || this.failed) return;
    const throughSeq = this.lastSeq;
    const folded = this.storedUpdates;
    const foldedBytes = this.storedBytes;
    // Encoding and the storage call see the same committed state: the doc only changes after a
    // commit, and lastSeq always names the newest update the doc holds.
    const snapshot = Y.encodeStateAsUpdate(this.doc);
    this.compacting = this.options.storage
      .compact(this.name, snapshot, throughSeq)
      .then(() => {
        this.storedUpdates -= folded;
        this.storedBytes += snapshot.byteLength - foldedBytes;
        this.logger.debug({ throughSeq, folded, bytes: snapshot.byteLength }, "compacted");
      })
      .catch((error: unknown) => {
        // The log is intact when compaction fails; the next attempt folds it.
        this.logger.error({ err: error }, "compaction failed");
      })
      .finally(() => {
        this.compacting = null;
      });
    return this.compacting;
  }

  /** Closes every connection, waits for storage, compacts and frees the document. */
  async destroy(code: number = CloseCode.unavailable, reason = "room closed"): Promise<void> {
    this.closeConnections(() => true, code, reason);
    await this.flush();
    await this.compacting;
    await this.compact();
    this.awareness.destroy();
    this.doc.destroy();
  }

  private handleMessage(connection: Connection, message: ClientMessage): void {
    switch (message.kind) {
      case "sync-step1":
        connection.send(this.answerTo(message.stateVector));
        return;
      case "sync-update":
        // Read-only connections too: an empty answer to our step 1 is fine, a change is refused.
        this.enqueue({ update: message.update, origin: connection });
        return;
      case "awareness":
        this.receivePresence(connection, message.update);
        return;
      case "query-awareness": {
        const states = encodeAwarenessStates(this.awareness, [...this.awareness.getStates().keys()]);
        if (states) connection.send(states);
        return;
      }
    }
  }

  /**
   * Makes a change as the server: `change` edits a copy of the document, and the difference goes
   * through the same path as a client's update (committed, then applied and broadcast to everyone).
   * Resolves once it is committed.
   */
  async applyServerChange(change: (doc: Y.Doc) => void): Promise<void> {
    const scratch = new Y.Doc();
    Y.applyUpdate(scratch, Y.encodeStateAsUpdate(this.doc));
    const before = Y.encodeStateVector(scratch);
    change(scratch);
    const update = Y.encodeStateAsUpdate(scratch, before);
    scratch.destroy();
    this.enqueue({ update, origin: null });
    await this.flush();
  }

  private enqueue(item: PendingUpdate): void {
    this.pending.push(item);
    if (!this.draining) this.startDraining();
  }

  private startDraining(): void {
    this.draining = this.drain().finally(() => {
      this.draining = null;
      // An update that arrived after the loop's last look but before this ran would wait for the
      // next one otherwise (a drain that stored nothing ends without yielding).
      if (this.pending.length > 0 && !this.failed) this.startDraining();
    });
  }

  /**
   * Reads what a client's update would change and asks the policy. Returns the effects to record if
   * it may be stored, null if it changes nothing, or refuses it (and closes its sender).
   */
  private review(
    item: PendingUpdate,
    fresh: Uint8Array,
    writer: Connection,
  ): readonly unknown[] | null | "refused" | "waiting" {
    let changes: UpdateChanges;
    try {
      changes = readUpdateChanges(this.doc, fresh);
    } catch (error) {
      if (error instanceof IncompleteUpdate) {
        const theirs = this.waiting.filter((w) => w.origin === writer);
        const bytes = theirs.reduce((n, w) => n + w.update.byteLength, item.update.byteLength);
        if (theirs.length >= MAX_WAITING_PER_CONNECTION || bytes > MAX_WAITING_BYTES_PER_CONNECTION) {
          this.refuse(writer, "too many updates that build on what never arrived", null);
          return "refused";
        }
        // A writer gone away will send it again, with what it builds on, when it is back.
        if (writer.isOpen) this.waiting.push(item);
        return "waiting";
      }
      if (!(error instanceof MalformedUpdate)) throw error;
      this.refuse(writer, `the update does not apply: ${error.message}`, null);
      return "refused";
    }
    if (changes.isEmpty) return null;
    if (repeatsRefusal(changes, this.refused, writer.principal ?? "")) {
      this.refuse(writer, "the update repeats a change the server refused", null);
      return "refused";
    }
    if (writer.access === "read-only") {
      this.refuse(writer, "this connection may only read the document", changes);
      return "refused";
    }
    const who = writer.principal ?? "";
    for (const client of changes.clients.keys()) {
      const owner = this.clientOwners.get(client);
      if (owner === undefined ? Y.getState(this.doc.store, client) > 0 : owner !== who) {
        this.refuse(writer, "the update writes under a client id someone else writes with", null);
        return "refused";
      }
    }
    const verdict = this.options.policy?.review(this.doc, changes, writer) ?? { accepted: true };
    if (!verdict.accepted) {
      this.refuse(writer, verdict.reason, changes);
      return "refused";
    }
    return verdict.effects ?? [];
  }

  private async drain(): Promise<void> {
    for (let next = this.pending.shift(); next; next = this.pending.shift()) {
      if (this.failed) return;
      const writer = next.origin;
      // A refused writer's later updates build on what was refused; an update from a writer that
      // merely went away is still stored (a closing page's last keystroke).
      if (writer && this.refusedConnections.has(writer)) continue;
      let fresh: Uint8Array;
      let effects: readonly unknown[] = [];
      try {
        fresh = Y.diffUpdate(next.update, Y.encodeStateVector(this.doc));
        if (writer) {
          const reviewed = this.review(next, fresh, writer);
          if (reviewed === "refused" || reviewed === "waiting" || reviewed === null) continue;
          effects = reviewed;
          const overQuota = await this.overQuota(fresh.byteLength);
          if (overQuota) {
            this.refuse(writer, overQuota, null);
            continue;
          }
        } else if (isEmptyUpdate(fresh)) continue;
      } catch (error) {
        if (writer) this.reject(writer, error);
        else this.logger.error({ err: error }, "the server's own change does not decode");
        continue;
      }
      try {
        this.lastSeq = await this.options.storage.append(this.name, fresh);
        this.storedUpdates += 1;
        this.storedBytes += fresh.byteLength;
        Y.applyUpdate(this.doc, fresh, writer);
      } catch (error) {
        this.fail(error);
        return;
      }
      if (writer) this.claimClients(fresh, writer);
      // What waited may now have what it builds on; try it before what came later.
      if (this.waiting.length > 0) this.pending.unshift(...this.waiting.splice(0));
      if (writer && effects.length > 0) {
        try {
          this.options.onAccepted?.(this, effects, writer);
        } catch (error) {
          this.logger.error({ err: error }, "recording an update's effects failed");
        }
      }
      if (this.storedUpdates >= this.options.compactEvery && !this.compacting) {
        void this.compact();
      }
    }
  }

  /** Records the writer as the person behind each client id the committed update wrote with. */
  private claimClients(update: Uint8Array, writer: Connection): void {
    const who = writer.principal ?? "";
    for (const client of Y.parseUpdateMeta(update).from.keys()) this.claimClient(client, who);
  }

  /** Makes `client` `who`'s from now on, unless it is someone's already. */
  private claimClient(client: number, who: string): void {
    if (this.clientOwners.has(client)) return;
    this.clientOwners.set(client, who);
    void this.options.clients?.add(this.name, client, who).catch((error: unknown) => {
      this.logger.error({ err: error }, "could not remember a client id's writer");
    });
  }

  /** Why storing `bytes` more would break a storage limit, or null. A full log is folded first. */
  private async overQuota(bytes: number): Promise<string | null> {
    const max = this.options.maxDocumentBytes;
    if (max !== undefined && this.storedBytes + bytes > max && this.storedUpdates > 0) await this.compact();
    if (max !== undefined && this.storedBytes + bytes > max) {
      return `this document is at its storage limit of ${Math.round(max / (1024 * 1024))} MB`;
    }
    return this.options.admit?.(this, bytes) ?? null;
  }

  /** The bytes the document takes in storage (snapshot plus log). */
  get bytesStored(): number {
    return this.storedBytes;
  }

  /** The whole committed document as one Yjs update, encoded once until the document changes. */
  wholeState(): Uint8Array {
    this.wholeUpdate ??= Y.encodeStateAsUpdate(this.doc);
    return this.wholeUpdate;
  }

  /** The sync step 2 for a client that has `stateVector`. */
  private answerTo(stateVector: Uint8Array): Uint8Array {
    const empty = stateVector.length === 1 && stateVector[0] === 0;
    // Framing the kept update copies it (a millisecond for megabytes); keeping a framed copy too
    // would hold the document twice.
    return encodeSyncStep2(empty ? this.wholeState() : Y.encodeStateAsUpdate(this.doc, stateVector));
  }

  private readonly handleDocUpdate = (update: Uint8Array, origin: unknown): void => {
    this.wholeUpdate = null;
    const message = encodeSyncUpdate(update);
    for (const connection of this.connections) {
      if (connection !== origin) connection.send(message);
    }
  };

  private readonly handleAwarenessUpdate = (
    change: { added: number[]; updated: number[]; removed: number[] },
    _origin: unknown,
  ): void => {
    const changed = [...change.added, ...change.updated, ...change.removed];
    const message = encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
    // Echo to the sender too: the stock client counts its own renewals as signs of life.
    for (const connection of this.connections) connection.send(message);
  };

  /** Applies a presence update, as far as its sender may speak for the clients in it. */
  private receivePresence(connection: Connection, update: Uint8Array): void {
    const limits = this.options.presence ?? defaultPresence;
    const relayed: PresenceEntry[] = [];
    for (const entry of decodePresence(update)) {
      let owner = this.presenceOwners.get(entry.clientId);
      // The same person's first presence on a new connection, for an id their older connection
      // holds: a reconnection whose old socket the server has not yet seen die. It takes the id over.
      if (
        owner &&
        owner !== connection &&
        connection.awarenessClients.size === 0 &&
        owner.principal !== null &&
        owner.principal === connection.principal
      ) {
        owner.awarenessClients.delete(entry.clientId);
        this.presenceOwners.delete(entry.clientId);
        owner = undefined;
      }
      // The stock client sends others' presence back as it received it: an echo, not a claim. So is
      // a state no newer than the room's for that id (a client that has just left, say).
      if (owner && owner !== connection) continue;
      if (
        !owner &&
        (entry.json === "null" || entry.clock <= (this.awareness.meta.get(entry.clientId)?.clock ?? -1))
      )
        continue;
      if (entry.json.length > limits.maxStateLength) {
        this.closeForPresence(connection, CloseCode.tooLarge, "presence too large");
        return;
      }
      const problem = presenceProblem(entry.json, connection.principal);
      if (problem) {
        this.closeForPresence(connection, CloseCode.badRequest, problem);
        return;
      }
      if (!owner) {
        if (connection.awarenessClients.size >= limits.maxClientsPerConnection) {
          this.closeForPresence(connection, CloseCode.badRequest, "too many presence clients");
          return;
        }
        // Presence shows everyone's client id: it is its sender's from the moment it is shown,
        // so that nobody who saw it can write under it first and have its owner's edits dropped.
        const who = connection.principal ?? "";
        const writer = this.clientOwners.get(entry.clientId);
        if (writer !== undefined && writer !== who) {
          this.closeForPresence(connection, CloseCode.badRequest, "presence under someone else's client id");
          return;
        }
        if (writer === undefined && Y.getState(this.doc.store, entry.clientId) === 0) {
          this.claimClient(entry.clientId, who);
        }
        this.presenceOwners.set(entry.clientId, connection);
        connection.awarenessClients.add(entry.clientId);
      }
      const shown = this.options.presenceShown?.(connection.principal, entry.json) ?? entry.json;
      relayed.push(shown === entry.json ? entry : { ...entry, json: shown });
    }
    if (relayed.length > 0) {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, encodePresence(relayed), connection);
    }
  }

  private closeForPresence(connection: Connection, code: number, reason: string): void {
    connection.warn({ code }, `closing a connection: ${reason}`);
    connection.close(code, reason);
    this.disconnect(connection);
  }

  /**
   * Refuses a client's update: nothing of it is stored, applied or broadcast; its sender is told why
   * and closed with {@link CloseCode.refused} (final: a client must drop its copy and start again
   * from the server's); and what it wrote is remembered so it is refused again when its writer
   * sends it (no one else's writes are affected).
   */
  private refuse(connection: Connection, reason: string, changes: UpdateChanges | null): void {
    connection.warn({ reason }, "refused an update");
    this.refusedConnections.add(connection);
    if (changes) {
      const principal = connection.principal ?? "";
      const writes = refusedWrites(changes, principal, this.refused.get(principal)?.length ?? 0, (client) => {
        const owner = this.clientOwners.get(client);
        return owner === undefined ? Y.getState(this.doc.store, client) > 0 : owner !== principal;
      });
      for (const write of writes) this.remember(write);
      if (writes.length > 0) {
        void this.options.refusals?.add(this.name, writes).catch((error: unknown) => {
          this.logger.error({ err: error }, "could not remember a refused write");
        });
      }
    }
    connection.send(encodePermissionDenied(reason));
    connection.close(CloseCode.refused, truncateReason(`update refused: ${reason}`));
    this.disconnect(connection);
  }

  private remember(write: RefusedWrite): void {
    const writes = this.refused.get(write.principal);
    if (writes) writes.push(write);
    else this.refused.set(write.principal, [write]);
  }

  private reject(connection: Connection, error: unknown): void {
    const reason = error instanceof ProtocolError ? error.message : "malformed payload";
    connection.warn({ err: String(error) }, `closing a connection: ${reason}`);
    connection.close(CloseCode.badRequest, "malformed message");
    this.disconnect(connection);
  }

  private fail(error: unknown): void {
    this.failed = true;
    this.pending.length = 0;
    this.logger.error({ err: error }, "storage failed; closing the room");
    this.closeConnections(() => true, CloseCode.internalError, "storage failed");
    this.options.onFailed(this);
  }
}

/** A websocket close reason is at most 123 bytes of UTF-8. */
function truncateReason(reason: string): string {
  let cut = reason;
  while (new TextEncoder().encode(cut).length > 123) cut = cut.slice(0, -1);
  return cut;
}
