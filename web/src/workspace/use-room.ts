import { CloseCode } from "@concord/sync/close-codes";
import { useEffect, useState } from "react";
import { takeEarly } from "../collab/early-rooms";
import { forgetProjectCopies } from "../collab/local-copies";
import { type ConnectionState, connectRoom, type RoomConnection } from "../collab/room-connection";

/** Why the page's copy of a room was replaced by the server's, to tell the person. */
export interface RoomReset {
  readonly reason: string;
  readonly at: number;
}

/**
 * Connects to a room for as long as the component is mounted; null until connected. If the server
 * refuses a change this page made (it would break the document's rules: a role changed meanwhile,
 * the codebook was locked), the page's copy holds a change the server will never take: the copy is
 * discarded and the room opened afresh from the server's state, and `reset` says why.
 */
export function useRoom(room: string | null): {
  connection: RoomConnection | null;
  state: ConnectionState;
  reset: RoomReset | null;
} {
  const [connection, setConnection] = useState<RoomConnection | null>(null);
  const [state, setState] = useState<ConnectionState>({ kind: "connecting" });
  const [reset, setReset] = useState<RoomReset | null>(null);
  useEffect(() => {
    if (!room) return;
    let current: RoomConnection | null = null;
    let stop = () => {};
    let ended = false;
    const open = (fresh: RoomConnection) => {
      current = fresh;
      setConnection(fresh);
      setState(fresh.state());
      stop = fresh.onState((next) => {
        if (next.kind === "refused" && next.code === CloseCode.refused) {
          setReset({ reason: next.reason.replace(/^update refused: /, ""), at: Date.now() });
          stop();
          void fresh.discard().then(() => {
            if (!ended) open(connectRoom(room));
          });
          return;
        }
        // Removed from the project, or the room is gone: this browser keeps none of its text.
        if (
          next.kind === "refused" &&
          (next.code === CloseCode.forbidden || next.code === CloseCode.notFound)
        ) {
          const [kind, projectId] = room.split(".");
          // A layer refused is one round's matter (not yet revealed, say), not a removal from the project.
          const ofProject =
            kind !== "inbox" &&
            kind !== "layer" &&
            projectId !== undefined &&
            next.code === CloseCode.forbidden;
          void fresh.discard().then(() => (ofProject ? forgetProjectCopies(projectId) : undefined));
        }
        setState(next);
      });
    };
    open(takeEarly(room) ?? connectRoom(room));
    return () => {
      ended = true;
      stop();
      current?.destroy();
      setConnection(null);
    };
  }, [room]);
  return { connection, state, reset };
}
