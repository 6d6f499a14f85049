import type { Role, Round } from "@concord/schema";
import { useEffect, useMemo, useRef, useSyncExternalStore } from "react";
import { useSearch } from "wouter";
import type * as Y from "yjs";
import { api } from "../api/api-client";
import { useRoom } from "./use-room";
import { useRoomSet } from "./use-room-set";
import { useSameList } from "./use-same-list";
import { WorkspaceModel } from "./workspace-model";

/**
 * The transcript page's layers: its {@link WorkspaceModel} fed with the project's rounds (fetched
 * again whenever the server says the project changed), the rooms of the layers shown, the documents
 * whose codings the text shows, and the one a new coding goes into (null: none). Follows a link
 * from the agreement dashboard (`?round=…&coders=…&at=…`) to a round's layers once.
 */
export function useWorkspaceLayers(options: {
  projectId: string;
  transcriptId: string;
  userId: string;
  role: Role | null;
  projectChangedAt: unknown;
  transcriptDoc: Y.Doc | null;
}) {
  const { projectId, transcriptId, userId, role, projectChangedAt, transcriptDoc } = options;
  const model = useMemo(
    () => new WorkspaceModel(projectId, transcriptId, userId),
    [projectId, transcriptId, userId],
  );
  const workspace = useSyncExternalStore(model.subscribe, model.snapshot);
  // biome-ignore lint/correctness/useExhaustiveDependencies: projectChangedAt is the trigger
  useEffect(() => {
    if (role === null) return;
    api<{ rounds: Round[] }>("GET", `/projects/${projectId}/rounds`).then(
      (r) => model.update(r.rounds, role),
      () => {},
    );
  }, [projectChangedAt, projectId, model, role]);
  const linked = new URLSearchParams(useSearch());
  const linkedRound = linked.get("round");
  const linkedCoders = linked.get("coders");
  const linkedAt = Number(linked.get("at") ?? Number.NaN);
  const followedLink = useRef<string | null>(null);
  useEffect(() => {
    const round = workspace.rounds.find((r) => r.id === linkedRound);
    const key = `${linkedRound}:${linkedCoders}`;
    if (!round || followedLink.current === key) return;
    followedLink.current = key;
    const readable = model.readableCoders(round);
    const coderIds = linkedCoders ? linkedCoders.split(",").filter((id) => readable.includes(id)) : readable;
    if (coderIds.length > 0) model.show({ kind: "layers", roundId: round.id, coderIds });
  }, [workspace, linkedRound, linkedCoders, model]);
  const target = useMemo(() => (workspace ? model.codingTarget() : null), [workspace, model]);
  const layerRooms = useMemo(() => (workspace ? model.layerRooms() : []), [workspace, model]);
  const ownLayer = useRoom(target?.kind === "layer" ? (layerRooms[0] ?? null) : null);
  const readLayers = useRoomSet(target?.kind === "layer" ? [] : layerRooms);
  const ownLayerDoc = ownLayer.connection?.doc ?? null;
  const shownDocs = useMemo(() => {
    if (workspace.shown.kind === "shared") return transcriptDoc ? [transcriptDoc] : null;
    if (target?.kind === "layer") return ownLayerDoc ? [ownLayerDoc] : null;
    return readLayers;
  }, [workspace, target, transcriptDoc, ownLayerDoc, readLayers]);
  // The editor is built on these: the rounds fetched again after any change to the project must
  // not rebuild it (and lose the reader's selection) when the same documents are shown.
  const codingDocs = useSameList(shownDocs);
  const targetDoc = target?.kind === "layer" ? ownLayerDoc : target?.kind === "shared" ? transcriptDoc : null;
  const blind = workspace ? model.blindRound() !== null : false;
  return { model, workspace, target, codingDocs, targetDoc, blind, linkedAt, ownLayer };
}
