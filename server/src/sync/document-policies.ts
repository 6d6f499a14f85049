import { documentPolicy, type PolicyEffect, type Writer } from "@concord/policy";
import { parseRoomName } from "@concord/schema";
import type { Connection, Logger, Room, UpdatePolicy } from "@concord/sync";
import type { Services } from "../services";

/**
 * The policy a room asks before storing a client's update, with the writer read afresh from SQLite
 * for each update (a role changed a moment ago already counts).
 */
export function policyFor(services: () => Services): (roomName: string) => UpdatePolicy | null {
  // A name that is no room of Concord's is refused at the door (tests serve such rooms with an
  // authorizer of their own, to exercise the protocol alone).
  return (roomName) => {
    const room = parseRoomName(roomName);
    if (room === null) return null;
    return documentPolicy(roomName, {
      writerOf: (projectId, connection): Writer | null => {
        const { projects, rounds } = services();
        const project = projects.get(projectId);
        if (!project || connection.principal === null) return null;
        const role = projects.roleOf(projectId, connection.principal);
        if (!role) return null;
        const codesBlind =
          room.kind === "transcript" && rounds.codesBlind(projectId, room.transcriptId, connection.principal);
        return { userId: connection.principal, role, codebookLocked: project.codebookLocked, codesBlind };
      },
      roundOf: (projectId, roundId) => services().rounds.get(projectId, roundId),
      meetingOf: (projectId, meetingId) => services().meetings.get(projectId, meetingId),
    });
  };
}

/**
 * Records what accepted updates leave to record: a coding removed by someone other than its coder,
 * and every change to a code (in the code's history, in its writer's name).
 */
export function recordPolicyEffects(services: () => Services, logger: Logger) {
  return (room: Room, effects: readonly unknown[], writer: Connection): void => {
    const name = parseRoomName(room.name);
    if (name?.kind === "project") {
      recordCodeChanges(services(), name.projectId, effects as readonly PolicyEffect[], writer.principal);
      return;
    }
    if (name?.kind !== "transcript") return;
    const { codingRemovals, audit, liveAccess } = services();
    const told: string[] = [];
    for (const effect of effects as readonly PolicyEffect[]) {
      if (effect.kind !== "coding-removed") continue;
      codingRemovals.add({
        projectId: name.projectId,
        transcriptId: name.transcriptId,
        codingId: effect.codingId,
        codeId: effect.codeId,
        coderId: effect.coderId,
        removedBy: effect.removedBy,
        quote: effect.quote,
      });
      audit.record({
        actorId: writer.principal,
        action: "coding.remove",
        projectId: name.projectId,
        subject: effect.codingId,
        detail: { transcriptId: name.transcriptId, coderId: effect.coderId, codeId: effect.codeId },
      });
      told.push(effect.coderId);
    }
    liveAccess.signalInboxes(told).catch((error: unknown) => {
      logger.warn({ err: error }, "could not tell a coder of a removed coding");
    });
  };
}

function recordCodeChanges(
  services: Services,
  projectId: string,
  effects: readonly PolicyEffect[],
  actorId: string | null,
): void {
  const at = Date.now();
  for (const effect of effects) {
    if (effect.kind !== "code-changed") continue;
    const merged = typeof effect.fields.mergedInto?.after === "string";
    services.codeHistory.record({
      projectId,
      codeId: effect.codeId,
      kind: effect.created ? "create" : merged ? "merge" : "edit",
      fields: effect.fields,
      note: "",
      actorId,
      at,
      cause: null,
    });
  }
}
