import type * as Y from "yjs";
import type { Connection } from "./connection";
import type { UpdateChanges } from "./update-changes";

/** What a policy decided about one client's update. */
export type PolicyVerdict =
  | {
      readonly accepted: true;
      /** Facts to record once the update is committed (a coding removed by someone else, say). */
      readonly effects?: readonly unknown[];
    }
  | { readonly accepted: false; readonly reason: string };

/**
 * Decides whether a client's update may be stored, from what it would change in the room's
 * document and who sent it. Asked before anything is stored; a refused update is not stored,
 * applied or broadcast.
 */
export interface UpdatePolicy {
  review(doc: Y.Doc, changes: UpdateChanges, writer: Connection): PolicyVerdict;
}

/**
 * A write the room refused, remembered so that it is never stored later (say, once its writer may
 * write): the client id (from its first refused clock) or deleted range, and whose it was. A
 * refusal binds its own writer only: nobody can make the room refuse a colleague's next edit by
 * having a write of theirs refused.
 */
export type RefusedWrite =
  | { readonly kind: "client"; readonly principal: string; readonly client: number; readonly clock: number }
  | {
      readonly kind: "deletion";
      readonly principal: string;
      readonly client: number;
      readonly clock: number;
      readonly len: number;
    };

/**
 * At most this many refused writes are remembered per writer and room. A page has one client id
 * and refuses a handful of ranges; an update naming thousands of client ids is crafted, refused,
 * and not worth remembering whole (its writer could write anew under fresh ids anyway).
 */
export const MAX_REFUSALS_PER_WRITER = 64;

/** Where a room keeps the writes it refused, across restarts. */
export interface RefusalLog {
  load(room: string): Promise<readonly RefusedWrite[]>;
  add(room: string, writes: readonly RefusedWrite[]): Promise<void>;
}

/** A {@link RefusalLog} in memory, for tests and throwaway servers. */
export function createMemoryRefusalLog(): RefusalLog {
  const rooms = new Map<string, RefusedWrite[]>();
  return {
    async load(room) {
      return [...(rooms.get(room) ?? [])];
    },
    async add(room, writes) {
      rooms.set(room, [...(rooms.get(room) ?? []), ...writes]);
    },
  };
}

/** Whether `changes`, written by `principal`, carry anything of a write of theirs refused before. */
export function repeatsRefusal(
  changes: UpdateChanges,
  refused: ReadonlyMap<string, readonly RefusedWrite[]>,
  principal: string,
): boolean {
  for (const write of refused.get(principal) ?? []) {
    if (write.kind === "client") {
      const from = changes.clients.get(write.client);
      if (from !== undefined && from >= write.clock) return true;
    } else {
      for (const range of changes.deletedRanges) {
        if (
          range.client === write.client &&
          range.clock < write.clock + write.len &&
          write.clock < range.clock + range.len
        )
          return true;
      }
    }
  }
  return false;
}

/**
 * What to remember of `principal`'s refused update: its client ids that are not someone else's
 * (`ownedByOthers`), or, for an update that only deletes, its deleted ranges; no more than `room` (what is remembered of them already)
 * leaves room for under {@link MAX_REFUSALS_PER_WRITER}.
 */
export function refusedWrites(
  changes: UpdateChanges,
  principal: string,
  remembered: number,
  ownedByOthers: (client: number) => boolean,
): RefusedWrite[] {
  const writes: RefusedWrite[] = [];
  const room = MAX_REFUSALS_PER_WRITER - remembered;
  for (const [client, clock] of changes.clients) {
    if (writes.length >= room) return writes;
    if (!ownedByOthers(client)) writes.push({ kind: "client", principal, client, clock });
  }
  // An update that wrote something is known again by its client ids; its deletions are remembered
  // only when it wrote nothing (a removal alone), so that the same person's later, allowed change
  // of the same item from another copy is not taken for the refused one.
  if (changes.clients.size > 0) return writes;
  for (const range of changes.deletedRanges) {
    if (writes.length >= room) return writes;
    writes.push({ kind: "deletion", principal, ...range });
  }
  return writes;
}

/**
 * Which person wrote with each Yjs client id of a room. Yjs does not authenticate client ids: a
 * member who wrote structs under a colleague's client id at its next clocks would have the
 * colleague's own next edits dropped as already known. A client id is its first writer's.
 */
export interface ClientLog {
  load(room: string): Promise<ReadonlyMap<number, string>>;
  add(room: string, client: number, principal: string): Promise<void>;
}

/** A {@link ClientLog} in memory, for tests and throwaway servers. */
export function createMemoryClientLog(): ClientLog {
  const rooms = new Map<string, Map<number, string>>();
  return {
    async load(room) {
      return new Map(rooms.get(room) ?? []);
    },
    async add(room, client, principal) {
      const map = rooms.get(room) ?? new Map<number, string>();
      map.set(client, principal);
      rooms.set(room, map);
    },
  };
}
