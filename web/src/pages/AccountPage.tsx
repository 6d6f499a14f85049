import { type FormEvent, useCallback, useEffect, useState } from "react";
import { api, type TokenSummary } from "../api/api-client";
import { FormError } from "../components/FormError";
import { useAction } from "../components/use-action";

/** Change password, and manage personal API tokens for scripts. */
export function AccountPage() {
  const [currentPassword, setCurrentPassword] = useState("");
  const [newPassword, setNewPassword] = useState("");
  const [changed, setChanged] = useState(false);
  const password = useAction(async () => {
    await api("POST", "/auth/password", { currentPassword, newPassword });
    setChanged(true);
    setCurrentPassword("");
    setNewPassword("");
  });
  const [tokens, setTokens] = useState<TokenSummary[]>([]);
  const [tokenName, setTokenName] = useState("");
  const [tokenDays, setTokenDays] = useState(30);
  const [newToken, setNewToken] = useState<string | null>(null);
  const loadTokens = useCallback(async () => {
    setTokens((await api<{ tokens: TokenSummary[] }>("GET", "/tokens")).tokens);
  }, []);
  useEffect(() => {
    void loadTokens();
  }, [loadTokens]);
  const create = useAction(async () => {
    const result = await api<{ token: string }>("POST", "/tokens", {
      name: tokenName,
      expiresInDays: tokenDays,
    });
    setNewToken(result.token);
    setTokenName("");
    await loadTokens();
  });
  const revoke = useAction(async (id: string) => {
    await api("DELETE", `/tokens/${id}`);
    await loadTokens();
  });
  const handlePassword = (event: FormEvent) => {
    event.preventDefault();
    setChanged(false);
    void password.run();
  };
  const handleToken = (event: FormEvent) => {
    event.preventDefault();
    void create.run();
  };
  return (
    <main className="page">
      <h2>Your account</h2>
      <section aria-labelledby="password-heading">
        <h3 id="password-heading">Change password</h3>
        <form onSubmit={handlePassword} className="stack narrow-form">
          <label>
            Current password
            <input
              type="password"
              autoComplete="current-password"
              required
              value={currentPassword}
              onChange={(e) => setCurrentPassword(e.target.value)}
            />
          </label>
          <label>
            New password <span className="hint">(at least 10 characters)</span>
            <input
              type="password"
              autoComplete="new-password"
              required
              minLength={10}
              value={newPassword}
              onChange={(e) => setNewPassword(e.target.value)}
            />
          </label>
          <FormError message={password.error} />
          {changed && <p role="status">Password changed. Your other browsers have been signed out.</p>}
          <button type="submit" disabled={password.busy}>
            Change password
          </button>
        </form>
      </section>
      <section aria-labelledby="tokens-heading">
        <h3 id="tokens-heading">API tokens</h3>
        <p className="hint">
          For scripts: send as <code>Authorization: Bearer …</code>, or as the <code>token</code> parameter of
          the sync connection.
        </p>
        <form onSubmit={handleToken} className="inline-form">
          <label>
            Name
            <input
              required
              value={tokenName}
              onChange={(e) => setTokenName(e.target.value)}
              placeholder="nightly export"
            />
          </label>
          <label>
            Days
            <input
              type="number"
              min={1}
              max={366}
              value={tokenDays}
              onChange={(e) => setTokenDays(Number(e.target.value))}
            />
          </label>
          <button type="submit" disabled={create.busy}>
            Create token
          </button>
        </form>
        <FormError message={create.error ?? revoke.error} />
        {newToken && (
          <p className="invite-link">
            Copy it now; it will not be shown again: <output>{newToken}</output>
          </p>
        )}
        <ul className="invite-list">
          {tokens
            .filter((t) => t.revokedAt === null)
            .map((token) => (
              <li key={token.id}>
                {token.name}, until{" "}
                {token.expiresAt ? new Date(token.expiresAt).toLocaleDateString() : "never"}
                {token.lastUsedAt
                  ? `, last used ${new Date(token.lastUsedAt).toLocaleString()}`
                  : ", never used"}{" "}
                <button type="button" className="link-button" onClick={() => void revoke.run(token.id)}>
                  Revoke
                </button>
              </li>
            ))}
        </ul>
      </section>
    </main>
  );
}
