import { useCallback, useEffect, useState } from "react";
import { api } from "../api/api-client";
import { FormError } from "../components/FormError";

interface Offer {
  readonly id: string;
  readonly projectName: string;
  readonly role: string;
  readonly offeredByName: string | null;
}

/**
 * Places in projects offered to the signed-in person's email (an owner added them by email): nobody
 * joins a project without saying yes here.
 */
export function OfferList({ onJoined }: { onJoined: () => void }) {
  const [offers, setOffers] = useState<Offer[]>([]);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    setOffers((await api<{ offers: Offer[] }>("GET", "/offers")).offers);
  }, []);
  useEffect(() => {
    void load().catch(() => {});
  }, [load]);
  const answer = async (offer: Offer, accept: boolean) => {
    setError(null);
    try {
      if (accept) await api("POST", `/offers/${offer.id}/accept`);
      else await api("DELETE", `/offers/${offer.id}`);
      await load();
      if (accept) onJoined();
    } catch (problem) {
      setError((problem as Error).message);
    }
  };
  if (offers.length === 0) return null;
  return (
    <section aria-labelledby="offers-heading" className="offers">
      <h3 id="offers-heading">Invitations</h3>
      <ul>
        {offers.map((offer) => (
          <li key={offer.id}>
            <strong>{offer.offeredByName ?? "An owner"}</strong> invites you to{" "}
            <strong>{offer.projectName}</strong> as {offer.role}.{" "}
            <button type="button" onClick={() => void answer(offer, true)}>
              Join {offer.projectName}
            </button>{" "}
            <button type="button" className="link-button" onClick={() => void answer(offer, false)}>
              Decline
            </button>
          </li>
        ))}
      </ul>
      <FormError message={error} />
    </section>
  );
}
