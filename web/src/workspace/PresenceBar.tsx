import { useEffect, useState } from "react";
import type { Awareness } from "y-protocols/awareness";
import { projectPeople } from "../collab/person-colours";
import { distinctInitials } from "./initials";

/** Who is here, as the awareness protocol tells it. */
export interface Present {
  readonly clientId: number;
  readonly userId: string;
  readonly name: string;
  readonly color: string;
}

/**
 * Who a presence state says it is. Any client can put anything in its presence: only the id is
 * taken (the server checks it is the sender's); the name and colour are the project's.
 */
export function presentUser(state: unknown): { id: string; name: string; color: string } | null {
  const user = (state as { user?: Record<string, unknown> } | null)?.user;
  if (typeof user?.id !== "string" || !user.id) return null;
  // Name and colour are the project's for the person, never what their client claims.
  const claimed = typeof user.name === "string" ? user.name : "?";
  return { id: user.id, name: projectPeople.nameOf(user.id) ?? claimed, color: projectPeople.of(user.id) };
}

/** The people present in a room (one entry per person, however many tabs they have open). */
export function usePresence(awareness: Awareness | null): Present[] {
  const [present, setPresent] = useState<Present[]>([]);
  useEffect(() => {
    if (!awareness) return;
    const update = () => {
      const people = new Map<string, Present>();
      awareness.getStates().forEach((state, clientId) => {
        const user = presentUser(state);
        if (user && !people.has(user.id))
          people.set(user.id, { clientId, userId: user.id, name: user.name, color: user.color });
      });
      setPresent([...people.values()]);
    };
    update();
    awareness.on("change", update);
    return () => awareness.off("change", update);
  }, [awareness]);
  return present;
}

/** Avatars of the people here; choosing one follows their view. */
export function PresenceBar(props: {
  present: readonly Present[];
  selfId: string;
  following: string | null;
  onFollow: (userId: string | null) => void;
}) {
  const shown = distinctInitials(props.present.map((person) => person.name));
  return (
    <ul className="presence" aria-label="People here">
      {props.present.map((person, index) => {
        const self = person.userId === props.selfId;
        const followed = props.following === person.userId;
        return (
          <li key={person.userId}>
            <button
              type="button"
              className={`avatar${followed ? " following" : ""}`}
              style={{ background: projectPeople.of(person.userId) }}
              title={
                self
                  ? `${person.name} (you)`
                  : followed
                    ? `Stop following ${person.name}`
                    : `Follow ${person.name}`
              }
              aria-pressed={followed}
              disabled={self}
              onClick={() => props.onFollow(followed ? null : person.userId)}
              data-user={person.name}
            >
              <span aria-hidden="true">{shown[index]}</span>
              <span className="visually-hidden">
                {self
                  ? `${person.name} (you)`
                  : followed
                    ? `Stop following ${person.name}`
                    : `Follow ${person.name}`}
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
