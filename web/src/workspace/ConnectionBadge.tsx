import type { ConnectionState } from "../collab/room-connection";

const words: Record<ConnectionState["kind"], string> = {
  connecting: "Connecting…",
  online: "Live",
  offline: "Offline: your work is kept on this device and sent when the connection returns",
  refused: "Access refused",
};

/** Always-visible connection state of the transcript. */
export function ConnectionBadge({ state, pending }: { state: ConnectionState; pending: boolean }) {
  const text = state.kind === "online" && pending ? "Saving…" : words[state.kind];
  return (
    <output className={`connection connection-${state.kind}`} data-connection={state.kind} aria-live="polite">
      {text}
      {state.kind === "refused" && `: ${state.reason}`}
    </output>
  );
}
