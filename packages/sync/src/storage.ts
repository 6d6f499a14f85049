/**
 * What a room loads from storage: an optional snapshot and the updates appended after it, oldest
 * first. `lastSeq` is the sequence number of the newest stored row (0 for a new room).
 */
export interface StoredDocument {
  readonly snapshot: Uint8Array | null;
  readonly updates: readonly Uint8Array[];
  readonly lastSeq: number;
}

/**
 * Durable storage for room documents: an append-only log of Yjs updates per room, folded into a
 * snapshot from time to time. Every implementation must pass `describeDocumentStorageContract`.
 */
export interface DocumentStorage {
  /** Everything stored for `room`; an empty document for a room never written. */
  load(room: string): Promise<StoredDocument>;
  /**
   * Appends one update and resolves with its sequence number once it is durable (committed).
   * Sequence numbers increase strictly within a room.
   */
  append(room: string, update: Uint8Array): Promise<number>;
  /**
   * Replaces the snapshot and every update with a sequence number up to `throughSeq` by
   * `snapshot`, atomically. Updates appended after `throughSeq` (for instance while the caller was
   * encoding the snapshot) are kept.
   */
  compact(room: string, snapshot: Uint8Array, throughSeq: number): Promise<void>;
  /** Number of updates stored after the snapshot; compaction policy and tests read it. */
  countUpdates(room: string): Promise<number>;
}
