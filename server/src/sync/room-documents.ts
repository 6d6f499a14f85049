import { type DocumentStorage, documentFromStorage, type RoomRegistry } from "@concord/sync";
import type * as Y from "yjs";

/** Room documents as request handlers use them: read the current state, or change it as the server. */
export interface RoomDocuments {
  /** The room's document: the loaded room's own (do not change it), else what storage holds. */
  read(room: string): Promise<Y.Doc>;
  /** Changes the room's document as the server (see {@link RoomRegistry.change}). */
  change<T>(room: string, change: (doc: Y.Doc) => T): Promise<T>;
  /** The room's whole document as one Yjs update (see {@link RoomRegistry.wholeState}). */
  wholeState(room: string): Promise<Uint8Array>;
  /** Who has the room open now (nobody if it is not loaded). */
  presentIn(room: string): string[];
}

/** {@link RoomDocuments} over the server's room registry and document storage. */
export function createRoomDocuments(registry: RoomRegistry, storage: DocumentStorage): RoomDocuments {
  return {
    async read(room) {
      // Reading never loads a room: a project-wide list would otherwise load every transcript.
      const loaded = registry.loadedRoom(room);
      if (loaded) return loaded.doc;
      return documentFromStorage(await storage.load(room));
    },
    change: (room, change) => registry.change(room, change),
    wholeState: (room) => registry.wholeState(room),
    presentIn: (room) => registry.loadedRoom(room)?.principals() ?? [],
  };
}
