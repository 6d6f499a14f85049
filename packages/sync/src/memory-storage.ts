import type { DocumentStorage, StoredDocument } from "./storage";

interface MemoryRoom {
  snapshot: Uint8Array | null;
  updates: { seq: number; data: Uint8Array }[];
  lastSeq: number;
}

/**
 * A {@link DocumentStorage} held in memory, for unit tests and throwaway servers. It copies every
 * buffer it is given so callers cannot change stored data afterwards.
 */
export function createMemoryStorage(): DocumentStorage {
  const rooms = new Map<string, MemoryRoom>();
  const roomFor = (name: string): MemoryRoom => {
    let room = rooms.get(name);
    if (!room) {
      room = { snapshot: null, updates: [], lastSeq: 0 };
      rooms.set(name, room);
    }
    return room;
  };
  return {
    async load(name): Promise<StoredDocument> {
      const room = roomFor(name);
      return {
        snapshot: room.snapshot ? room.snapshot.slice() : null,
        updates: room.updates.map((u) => u.data.slice()),
        lastSeq: room.lastSeq,
      };
    },
    async append(name, update) {
      const room = roomFor(name);
      room.lastSeq += 1;
      room.updates.push({ seq: room.lastSeq, data: update.slice() });
      return room.lastSeq;
    },
    async compact(name, snapshot, throughSeq) {
      const room = roomFor(name);
      room.snapshot = snapshot.slice();
      room.updates = room.updates.filter((u) => u.seq > throughSeq);
    },
    async countUpdates(name) {
      return roomFor(name).updates.length;
    },
  };
}
