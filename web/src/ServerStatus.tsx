import { useEffect, useState } from "react";

type Status = "checking" | "ok" | "offline" | "unreachable";

const labels: Record<Status, string> = {
  checking: "Connecting…",
  ok: "Online",
  offline: "Offline",
  unreachable: "Server unreachable",
};

const POLL_MS = 10_000;

/**
 * A status pill that asks /healthz now and every few seconds, and says "Offline" the moment the
 * browser loses its network (so it never says "Online" beside a page that knows it is offline).
 */
export function ServerStatus() {
  const [status, setStatus] = useState<Status>("checking");
  useEffect(() => {
    let cancelled = false;
    const check = async () => {
      if (!navigator.onLine) {
        setStatus("offline");
        return;
      }
      try {
        const response = await fetch("/healthz");
        if (!cancelled) setStatus(response.ok ? "ok" : "unreachable");
      } catch {
        if (!cancelled) setStatus("unreachable");
      }
    };
    void check();
    const timer = setInterval(check, POLL_MS);
    const recheck = () => void check();
    window.addEventListener("offline", recheck);
    window.addEventListener("online", recheck);
    return () => {
      cancelled = true;
      clearInterval(timer);
      window.removeEventListener("offline", recheck);
      window.removeEventListener("online", recheck);
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
