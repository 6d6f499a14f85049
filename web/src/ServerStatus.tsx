import { useEffect, useState } from "react";

type Status = "checking" | "ok" | "unreachable";

const labels: Record<Status, string> = {
  checking: "Connecting…",
  ok: "Online",
  unreachable: "Server unreachable",
};

const POLL_MS = 10_000;

/** A status pill that asks /healthz now and every few seconds. */
export function ServerStatus() {
  const [status, setStatus] = useState<Status>("checking");
  useEffect(() => {
    let cancelled = false;
    const check = async () => {
      try {
        const response = await fetch("/healthz");
        if (!cancelled) setStatus(response.ok ? "ok" : "unreachable");
      } catch {
        if (!cancelled) setStatus("unreachable");
      }
    };
    void check();
    const timer = setInterval(check, POLL_MS);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, []);
  return (
    <output
      className={`status status-${status}`}
      data-status={status}
      title={status === "ok" ? "The server and its storage are healthy" : undefined}
    >
      {labels[status]}
    </output>
  );
}
