import { useEffect, useState } from "react";
import type * as Y from "yjs";
import { connectRoom, type RoomConnection } from "../collab/room-connection";

/**
 * Connects to several rooms to read (coders' layers shown together) for as long as the component is
 * mounted and the names stay the same; their documents, in the order of `rooms`, once all are open.
 */
export function useRoomSet(rooms: readonly string[]): readonly Y.Doc[] | null {
  const key = rooms.join(" ");
  const [docs, setDocs] = useState<readonly Y.Doc[] | null>(null);
  useEffect(() => {
    const names = key ? key.split(" ") : [];
    if (names.length === 0) {
      setDocs(null);
      return;
    }
    const connections: RoomConnection[] = names.map((name) => connectRoom(name));
    setDocs(connections.map((connection) => connection.doc));
    return () => {
      for (const connection of connections) connection.destroy();
      setDocs(null);
    };
  }, [key]);
  return docs;
}
