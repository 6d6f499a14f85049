import { type FormEvent, useState } from "react";
import { Link, useLocation, useSearchParams } from "wouter";
import { api } from "../api/api-client";
import { FormError } from "../components/FormError";
import { useAction } from "../components/use-action";
import { useSession } from "../session";

/** Email and password sign-in. After signing in, goes where `?next=` says (a path on this site). */
export function SignInPage() {
  const { refresh } = useSession();
  const [, navigate] = useLocation();
  const [params] = useSearchParams();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const next = params.get("next");
  const { run, busy, error } = useAction(async () => {
    await api("POST", "/auth/sign-in", { email, password });
    await refresh();
    navigate(next?.startsWith("/") && !next.startsWith("//") ? next : "/");
  });
  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    void run();
  };
  return (
    <main className="narrow">
      <h2>Sign in</h2>
      <form onSubmit={handleSubmit} className="stack">
        <label>
          Email
          <input
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <label>
          Password
          <input
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <FormError message={error} />
        <button type="submit" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </form>
      <p className="hint">
        New here? Ask a project owner for an invite link, or <Link href="/sign-up">set up this Concord</Link>{" "}
        if nobody has yet.
      </p>
    </main>
  );
}
