import { useEffect, useState } from "react";
import { Link, useLocation } from "wouter";
import { api } from "../api/api-client";
import { FormError } from "../components/FormError";
import { useAction } from "../components/use-action";
import { useSession } from "../session";
import { SignUpForm } from "./SignUpForm";

interface InviteDetails {
  readonly projectName: string;
  readonly role: string;
  readonly expiresAt: number;
}

/** The page an invite link opens: what it offers, then join (signed in) or create an account. */
export function InvitePage({ token }: { token: string }) {
  const { user, refresh } = useSession();
  const [, navigate] = useLocation();
  const [details, setDetails] = useState<InviteDetails | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    api<InviteDetails>("GET", `/invites/${encodeURIComponent(token)}`).then(setDetails, (error: Error) =>
      setProblem(error.message),
    );
  }, [token]);
  const join = useAction(async () => {
    const result = await api<{ projectId: string }>("POST", `/invites/${encodeURIComponent(token)}/accept`);
    navigate(`/projects/${result.projectId}`);
  });
  if (problem) {
    return (
      <main className="narrow">
        <h2>This invite cannot be used</h2>
        <p role="alert">{problem}</p>
      </main>
    );
  }
  if (!details) return <main className="narrow">Reading the invite…</main>;
  return (
    <main className="narrow">
      <h2>Join “{details.projectName}”</h2>
      <p>
        You are invited as <strong>{details.role}</strong>. The link works until{" "}
        {new Date(details.expiresAt).toLocaleDateString()}.
      </p>
      {user ? (
        <>
          <p>
            Signed in as {user.name} ({user.email}).
          </p>
          <FormError message={join.error} />
          <button type="button" onClick={() => void join.run()} disabled={join.busy}>
            Join the project
          </button>
        </>
      ) : (
        <>
          <SignUpForm
            invite={token}
            onDone={async (projectId) => {
              await refresh();
              navigate(projectId ? `/projects/${projectId}` : "/");
            }}
          />
          <p className="hint">
            Already have an account? <Link href={`/sign-in?next=/invite/${token}`}>Sign in first</Link>, then
            come back to this link.
          </p>
        </>
      )}
    </main>
  );
}
