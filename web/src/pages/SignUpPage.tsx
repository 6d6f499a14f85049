import { useEffect, useState } from "react";
import { Link, useLocation } from "wouter";
import { api } from "../api/api-client";
import { useSession } from "../session";
import { SignUpForm } from "./SignUpForm";

/** Sign-up without an invite: open for the very first account, or when the instance allows it. */
export function SignUpPage() {
  const { refresh } = useSession();
  const [, navigate] = useLocation();
  const [mode, setMode] = useState<{ firstAccount: boolean; signup: string } | null>(null);
  useEffect(() => {
    api<{ firstAccount: boolean; signup: string }>("GET", "/auth/signup-mode").then(setMode, () =>
      setMode(null),
    );
  }, []);
  if (mode && !mode.firstAccount && mode.signup !== "open") {
    return (
      <main className="narrow">
        <h2>Invite only</h2>
        <p>
          This Concord takes new accounts through invite links. Ask a project owner to send you one, or{" "}
          <Link href="/sign-in">sign in</Link> if you have an account.
        </p>
      </main>
    );
  }
  return (
    <main className="narrow">
      <h2>{mode?.firstAccount ? "Set up Concord" : "Create an account"}</h2>
      {mode?.firstAccount && (
        <p className="hint">You are the first person here: your account will administer this Concord.</p>
      )}
      <SignUpForm
        onDone={async () => {
          await refresh();
          navigate("/");
        }}
      />
    </main>
  );
}
