import { type FormEvent, useState } from "react";
import { api } from "../api/api-client";
import { FormError } from "../components/FormError";
import { useAction } from "../components/use-action";

/** Name, email and password for a new account; with an invite secret the account joins its project. */
export function SignUpForm({
  invite,
  onDone,
}: {
  invite?: string;
  onDone: (joinedProjectId: string | null) => void;
}) {
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const { run, busy, error } = useAction(async () => {
    const result = await api<{ joinedProjectId: string | null }>("POST", "/auth/sign-up", {
      name,
      email,
      password,
      ...(invite ? { invite } : {}),
    });
    onDone(result.joinedProjectId);
  });
  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    void run();
  };
  return (
    <form onSubmit={handleSubmit} className="stack">
      <label>
        Your name
        <input autoComplete="name" required value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <label>
        Email
        <input
          type="email"
          autoComplete="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
      </label>
      <label>
        Password <span className="hint">(at least 10 characters)</span>
        <input
          type="password"
          autoComplete="new-password"
          required
          minLength={10}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      <FormError message={error} />
      <button type="submit" disabled={busy}>
        {busy ? "Creating your account…" : "Create account"}
      </button>
    </form>
  );
}
