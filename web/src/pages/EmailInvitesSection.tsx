import { type FormEvent, useCallback, useEffect, useState } from "react";
import { api } from "../api/api-client";
import { FormError } from "../components/FormError";
import { useAction } from "../components/use-action";

interface Offer {
  readonly id: string;
  readonly email: string;
  readonly role: string;
  readonly createdAt: number;
}

/**
 * Owners invite someone by their email address: whoever signs in with it finds the invitation on
 * their list of projects and joins by accepting it. The invitations not yet taken up are listed, each
 * with a way to withdraw it.
 */
export function EmailInvitesSection({ projectId }: { projectId: string }) {
  const [email, setEmail] = useState("");
  const [role, setRole] = useState("coder");
  const [said, setSaid] = useState<string | null>(null);
  const [offers, setOffers] = useState<Offer[]>([]);
  const load = useCallback(async () => {
    setOffers((await api<{ offers: Offer[] }>("GET", `/projects/${projectId}/offers`)).offers);
  }, [projectId]);
  useEffect(() => {
    void load();
  }, [load]);
  const send = useAction(async () => {
    const result = await api<{ message: string }>("POST", `/projects/${projectId}/members`, { email, role });
    setSaid(result.message);
    setEmail("");
    await load();
  });
  const withdraw = useAction(async (offerId: string) => {
    await api("DELETE", `/projects/${projectId}/offers/${offerId}`);
    await load();
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaid(null);
    void send.run();
  };
  return (
    <section aria-labelledby="email-invites-heading">
      <h3 id="email-invites-heading">Invite by email</h3>
      <form onSubmit={submit} className="inline-form" aria-label="Invite by email">
        <label>
          Email
          <input type="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label>
          Role
          <select aria-label="Role for the invitation" value={role} onChange={(e) => setRole(e.target.value)}>
            <option value="coder">coder</option>
            <option value="observer">observer</option>
            <option value="owner">owner</option>
          </select>
        </label>
        <button type="submit" disabled={send.busy}>
          Invite
        </button>
      </form>
      <FormError message={send.error ?? withdraw.error} />
      {said && (
        <p className="hint" role="status">
          {said}
        </p>
      )}
      {offers.length > 0 && (
        <ul className="invite-list" aria-label="Invitations not yet accepted">
          {offers.map((offer) => (
            <li key={offer.id} data-offer={offer.email}>
              {offer.email}, as {offer.role}{" "}
              <button
                type="button"
                className="link-button"
                onClick={() => void withdraw.run(offer.id)}
                aria-label={`Withdraw the invitation to ${offer.email}`}
              >
                Withdraw
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
