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

/** A write the room refused, remembered so that it is never stored later (say, once its writer may write). */
export type RefusedWrite =
  | { readonly kind: "client"; readonly client: number; readonly clock: number }
  | { readonly kind: "deletion"; readonly client: number; readonly clock: number; readonly len: number };

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

/** Whether `changes` carry anything of a write refused before. */
export function repeatsRefusal(changes: UpdateChanges, refused: readonly RefusedWrite[]): boolean {
  for (const write of refused) {
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

/** What to remember of a refused update. */
export function refusedWrites(changes: UpdateChanges): RefusedWrite[] {
  return [
    ...[...changes.clients].map(([client, clock]) => ({ kind: "client", client, clock }) as const),
    ...changes.deletedRanges.map((range) => ({ kind: "deletion", ...range }) as const),
  ];
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
