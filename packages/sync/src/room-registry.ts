import type * as Y from "yjs";
import { CloseCode } from "./close-codes";
import type { Connection, ConnectionIdentity } from "./connection";
import type { Logger } from "./logger";
import { type PresenceShown, Room } from "./room";
import type { SyncSocket } from "./socket";
import type { DocumentStorage } from "./storage";
import { type ClientLog, createMemoryClientLog, type RefusalLog, type UpdatePolicy } from "./update-policy";

/** Settings for every room a registry manages. */
export interface RoomRegistryOptions {
  readonly storage: DocumentStorage;
  readonly logger: Logger;
  /** Unload a room this long after its last connection left. */
  readonly idleUnloadMs?: number;
  /** Fold a room's log into a snapshot once it holds this many updates. */
  readonly compactEvery?: number;
  /** Close a connection whose socket has more than this many bytes waiting. */
  readonly maxBufferedBytes?: number;
  /** The policy each room asks before storing a client's update (by room name); none: any update that applies. */
  readonly policyFor?: (roomName: string) => UpdatePolicy | null;
  /** What others are shown of presence in each room (by room name); none: every state as sent. */
  readonly presenceShownFor?: (roomName: string) => PresenceShown | null;
  /** Records a policy's effects once their update is committed. */
  readonly onAccepted?: (room: Room, effects: readonly unknown[], writer: Connection) => void;
  /** Where rooms remember the writes they refused. */
  readonly refusals?: RefusalLog;
  /** Where rooms remember who writes with each client id (default: in memory, for this registry). */
  readonly clients?: ClientLog;
  /** The most one document may take in storage, in bytes. */
  readonly maxDocumentBytes?: number;
  /** Asked before a client's update is stored (a project's quota); see {@link RoomOptions.admit}. */
  readonly admit?: (room: Room, bytes: number) => string | null;
}

/** The server's side of one socket: feed it the socket's messages and its close. */
export interface SocketSession {
  /** Passes one binary message from the peer. Messages before the room has loaded are queued. */
  receive(bytes: Uint8Array): void;
  /** Tells the room the socket closed. */
  closed(): void;
}

/**
 * A socket's session with a room that may still be loading: messages wait until it has loaded.
 * A class rather than closures, so that an open socket costs one small object here.
 */
class RoomSession implements SocketSession {
  private room: Room | null = null;
  private connection: Connection | null = null;
  private queued: Uint8Array[] | null = null;
  private isClosed = false;

  attach(room: Room, socket: SyncSocket, identity: ConnectionIdentity): void {
    if (this.isClosed) return;
    this.room = room;
    this.connection = room.connect(socket, identity);
    const queued = this.queued ?? [];
    this.queued = null;
    for (const bytes of queued) room.receive(this.connection, bytes);
  }

  failed(socket: SyncSocket): void {
    if (!this.isClosed) socket.close(CloseCode.internalError, "room could not be loaded");
  }

  receive(bytes: Uint8Array): void {
    if (this.room && this.connection) this.room.receive(this.connection, bytes);
    else if (!this.isClosed) {
      this.queued ??= [];
      this.queued.push(bytes);
    }
  }

  closed(): void {
    this.isClosed = true;
    if (this.room && this.connection) this.room.disconnect(this.connection);
  }
}

interface RoomEntry {
  readonly ready: Promise<Room>;
  room: Room | null;
  idleTimer: ReturnType<typeof setTimeout> | null;
}

const defaults = {
  idleUnloadMs: 30_000,
  compactEvery: 500,
  maxBufferedBytes: 16 * 1024 * 1024,
};

/**
 * Loads rooms on first connection, unloads them when idle, and closes them all on shutdown.
 * It knows nothing of HTTP or websockets: the server hands it a {@link SyncSocket} per connection.
 */
export class RoomRegistry {
  private readonly entries = new Map<string, RoomEntry>();
  /** Rooms being unloaded, by name: a new load of the same room waits for its last writes. */
  private readonly unloading = new Map<string, Promise<void>>();
  private closing = false;
  private readonly clients: ClientLog;
  private readonly settings: Required<
    Omit<
      RoomRegistryOptions,
      | "storage"
      | "logger"
      | "policyFor"
      | "presenceShownFor"
      | "onAccepted"
      | "refusals"
      | "clients"
      | "maxDocumentBytes"
      | "admit"
    >
  >;

  constructor(private readonly options: RoomRegistryOptions) {
    this.clients = options.clients ?? createMemoryClientLog();
    this.settings = {
      idleUnloadMs: options.idleUnloadMs ?? defaults.idleUnloadMs,
      compactEvery: options.compactEvery ?? defaults.compactEvery,
      maxBufferedBytes: options.maxBufferedBytes ?? defaults.maxBufferedBytes,
    };
  }

  /** Connects a socket to a room, loading the room if needed. */
  connect(roomName: string, socket: SyncSocket, identity: ConnectionIdentity): SocketSession {
    if (this.closing) {
      socket.close(CloseCode.unavailable, "server shutting down");
      return { receive() {}, closed() {} };
    }
    const entry = this.entryFor(roomName);
    if (entry.idleTimer) {
      clearTimeout(entry.idleTimer);
      entry.idleTimer = null;
    }
    const session = new RoomSession();
    entry.ready.then(
      (loaded) => session.attach(loaded, socket, identity),
      () => session.failed(socket),
    );
    return session;
  }

  /**
   * Makes a change to a room's document as the server, loading the room if nobody has it open (it
   * unloads again when idle). `change` runs on a copy of the current document and may throw to refuse;
   * its result is returned once the change is committed and sent to everyone in the room.
   */
  async change<T>(roomName: string, change: (doc: Y.Doc) => T): Promise<T> {
    return this.withRoom(roomName, async (room) => {
      let result: T | undefined;
      await room.applyServerChange((doc) => {
        result = change(doc);
      });
      return result as T;
    });
  }

  /**
   * A room's whole committed document as one Yjs update, loading the room if nobody has it open (it
   * unloads again when idle). The room keeps the encoding until its document changes.
   */
  wholeState(roomName: string): Promise<Uint8Array> {
    return this.withRoom(roomName, async (room) => room.wholeState());
  }

  /** Runs `use` on a room for the server's own purposes, loading it if needed and unloading it later if idle. */
  private async withRoom<T>(roomName: string, use: (room: Room) => Promise<T>): Promise<T> {
    if (this.closing) throw new Error("the server is shutting down");
    const entry = this.entryFor(roomName);
    if (entry.idleTimer) {
      clearTimeout(entry.idleTimer);
      entry.idleTimer = null;
    }
    const room = await entry.ready;
    try {
      return await use(room);
    } finally {
      if (room.connectionCount === 0) this.scheduleUnload(room);
    }
  }

  /** The rooms loaded now. */
  loadedRooms(): Room[] {
    const rooms: Room[] = [];
    for (const entry of this.entries.values()) if (entry.room) rooms.push(entry.room);
    return rooms;
  }

  /** The loaded room called `name`, if any. */
  loadedRoom(name: string): Room | undefined {
    return this.entries.get(name)?.room ?? undefined;
  }

  /** Resolves once every room has loaded and committed every update received so far. */
  async settled(): Promise<void> {
    const rooms = await Promise.allSettled([...this.entries.values()].map((entry) => entry.ready));
    await Promise.all(
      rooms.map((result) => (result.status === "fulfilled" ? result.value.flush() : undefined)),
    );
  }

  /** Closes every connection, commits and compacts every room, and frees them. */
  async close(): Promise<void> {
    this.closing = true;
    const rooms = await Promise.allSettled([...this.entries.values()].map((entry) => entry.ready));
    for (const entry of this.entries.values()) if (entry.idleTimer) clearTimeout(entry.idleTimer);
    this.entries.clear();
    await Promise.all(
      rooms.map((result) =>
        result.status === "fulfilled"
          ? result.value.destroy(CloseCode.unavailable, "server shutting down")
          : undefined,
      ),
    );
    await Promise.all(this.unloading.values());
  }

  private entryFor(name: string): RoomEntry {
    const existing = this.entries.get(name);
    if (existing) return existing;
    const logger = this.options.logger.child({ room: name });
    const previous = this.unloading.get(name) ?? Promise.resolve();
    const ready = previous.then(() =>
      Room.load({
        name,
        storage: this.options.storage,
        logger,
        compactEvery: this.settings.compactEvery,
        maxBufferedBytes: this.settings.maxBufferedBytes,
        onEmpty: (room) => this.scheduleUnload(room),
        onFailed: (room) => this.forget(room),
        policy: this.options.policyFor?.(name) ?? null,
        ...presenceShownIn(this.options, name),
        ...(this.options.onAccepted ? { onAccepted: this.options.onAccepted } : {}),
        ...(this.options.refusals ? { refusals: this.options.refusals } : {}),
        clients: this.clients,
        ...(this.options.maxDocumentBytes ? { maxDocumentBytes: this.options.maxDocumentBytes } : {}),
        ...(this.options.admit ? { admit: this.options.admit } : {}),
      }),
    );
    const entry: RoomEntry = { ready, room: null, idleTimer: null };
    this.entries.set(name, entry);
    ready.then(
      (room) => {
        entry.room = room;
        logger.debug({}, "room loaded");
      },
      (error: unknown) => {
        logger.error({ err: error }, "room failed to load");
        if (this.entries.get(name) === entry) this.entries.delete(name);
      },
    );
    return entry;
  }

  private scheduleUnload(room: Room): void {
    const entry = this.entries.get(room.name);
    if (!entry || entry.room !== room || this.closing) return;
    if (entry.idleTimer) clearTimeout(entry.idleTimer);
    entry.idleTimer = setTimeout(() => {
      entry.idleTimer = null;
      if (room.connectionCount > 0 || this.entries.get(room.name) !== entry) return;
      this.entries.delete(room.name);
      const unload = room.destroy().catch((error: unknown) => {
        this.options.logger.error({ room: room.name, err: error }, "room failed to unload");
      });
      this.unloading.set(room.name, unload);
      void unload.finally(() => {
        if (this.unloading.get(room.name) === unload) this.unloading.delete(room.name);
      });
    }, this.settings.idleUnloadMs);
    // In Node, an idle room's timer must not keep the process alive.
    (entry.idleTimer as { unref?: () => void }).unref?.();
  }

  private forget(room: Room): void {
    const entry = this.entries.get(room.name);
    if (entry?.room === room) {
      if (entry.idleTimer) clearTimeout(entry.idleTimer);
      this.entries.delete(room.name);
    }
  }
}

function presenceShownIn(options: RoomRegistryOptions, name: string): { presenceShown?: PresenceShown } {
  const shown = options.presenceShownFor?.(name);
  return shown ? { presenceShown: shown } : {};
}
