import { useEffect } from "react";
import type { Awareness } from "y-protocols/awareness";
import { projectPeople } from "../collab/person-colours";

/** Says who this person is, with their colour in the project, in a room's awareness. */
export function usePublishedUser(
  user: { id: string; name: string } | null | undefined,
  awareness: Awareness | null,
): void {
  const id = user?.id;
  const name = user?.name;
  useEffect(() => {
    if (!awareness || id === undefined || name === undefined) return;
    awareness.setLocalStateField("user", { id, name, color: projectPeople.of(id) });
  }, [awareness, id, name]);
}
