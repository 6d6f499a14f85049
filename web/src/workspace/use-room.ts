import { useEffect, useState } from "react";
import { takeEarly } from "../collab/early-rooms";
import { type ConnectionState, connectRoom, type RoomConnection } from "../collab/room-connection";

/** Connects to a room for as long as the component is mounted; null until connected. */
export function useRoom(room: string | null): { connection: RoomConnection | null; state: ConnectionState } {
  const [connection, setConnection] = useState<RoomConnection | null>(null);
  const [state, setState] = useState<ConnectionState>({ kind: "connecting" });
  useEffect(() => {
    if (!room) return;
    const opened = takeEarly(room) ?? connectRoom(room);
    setConnection(opened);
    setState(opened.state());
    const stop = opened.onState(setState);
    return () => {
      stop();
      opened.destroy();
      setConnection(null);
    };
  }, [room]);
  return { connection, state };
}
