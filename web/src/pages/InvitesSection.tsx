import { type FormEvent, useCallback, useEffect, useState } from "react";
import { api, type InviteSummary } from "../api/api-client";
import { FormError } from "../components/FormError";
import { useAction } from "../components/use-action";

/** Owners create invite links with a role and an expiry, copy them, and revoke them. */
export function InvitesSection({ projectId }: { projectId: string }) {
  const [invites, setInvites] = useState<InviteSummary[]>([]);
  const [role, setRole] = useState("coder");
  const [days, setDays] = useState(14);
  // Every link made on this visit stays until dismissed: each is shown only now, never again.
  const [links, setLinks] = useState<{ id: string; role: string; url: string }[]>([]);
  const load = useCallback(async () => {
    const result = await api<{ invites: InviteSummary[] }>("GET", `/projects/${projectId}/invites`);
    setInvites(result.invites);
  }, [projectId]);
  useEffect(() => {
    void load();
  }, [load]);
  const create = useAction(async () => {
    const result = await api<{ url: string; invite: InviteSummary }>(
      "POST",
      `/projects/${projectId}/invites`,
      {
        role,
        expiresInDays: days,
      },
    );
    setLinks((previous) => [
      { id: result.invite.id, role: result.invite.role, url: result.url },
      ...previous,
    ]);
    await load();
  });
  const revoke = useAction(async (inviteId: string) => {
    await api("DELETE", `/projects/${projectId}/invites/${inviteId}`);
    await load();
  });
  const handleCreate = (event: FormEvent) => {
    event.preventDefault();
    void create.run();
  };
  const live = invites.filter((invite) => invite.revokedAt === null && invite.expiresAt > Date.now());
  return (
    <section aria-labelledby="invites-heading">
      <h3 id="invites-heading">Invite links</h3>
      <form onSubmit={handleCreate} className="inline-form" aria-label="New invite link">
        <label>
          Role
          <select aria-label="Role for the invite" value={role} onChange={(e) => setRole(e.target.value)}>
            <option value="coder">coder</option>
            <option value="observer">observer</option>
            <option value="owner">owner</option>
          </select>
        </label>
        <label>
          Valid for (days)
          <input
            type="number"
            min={1}
            max={90}
            value={days}
            onChange={(e) => setDays(Number(e.target.value))}
          />
        </label>
        <button type="submit" disabled={create.busy}>
          Create invite link
        </button>
      </form>
      <FormError message={create.error} />
      {links.map((link) => (
        <p className="invite-link" key={link.id}>
          Send this {link.role} link to the person you are inviting (it is shown only now):
          <output data-testid="invite-link">{link.url}</output>
          <button type="button" onClick={() => void navigator.clipboard?.writeText(link.url)}>
            Copy
          </button>
          <button
            type="button"
            className="link-button"
            onClick={() => setLinks((previous) => previous.filter((l) => l.id !== link.id))}
          >
            Done
          </button>
        </p>
      ))}
      {live.length > 0 && (
        <ul className="invite-list">
          {live.map((invite) => (
            <li key={invite.id}>
              {invite.role}, made{" "}
              {new Date(invite.createdAt).toLocaleString(undefined, {
                dateStyle: "medium",
                timeStyle: "short",
              })}
              , until {new Date(invite.expiresAt).toLocaleDateString()}, used {invite.acceptedCount} time
              {invite.acceptedCount === 1 ? "" : "s"}{" "}
              <button type="button" className="link-button" onClick={() => void revoke.run(invite.id)}>
                Revoke
              </button>
            </li>
          ))}
        </ul>
      )}
      <FormError message={revoke.error} />
    </section>
  );
}
