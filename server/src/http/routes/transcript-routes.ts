import { listThreads } from "@concord/discussion";
import { formatRoomName, roomAccess } from "@concord/schema";
import { CloseCode } from "@concord/sync";
import { Hono } from "hono";
import { z } from "zod";
import {
  ImportBodyRefused,
  type PreparedImport,
  transcriptAttributes,
  transcriptName,
} from "../../projects/import-body";
import type { Services } from "../../services";
import { ApiError, badRequest, ErrorCode, forbidden, notFound } from "../api-error";
import type { ApiEnv } from "../authentication";
import { requireActiveProject, requireProjectRole } from "../project-access";
import { readBody, requireJson } from "../validation";

const updateBody = z
  .object({ name: transcriptName.optional(), attributes: transcriptAttributes.optional() })
  .refine((b) => b.name !== undefined || b.attributes !== undefined, "Nothing to change.");

/** How long an import's body may take to arrive: a body trickled in holds its sender's slot. */
const BODY_DEADLINE_MS = 120_000;

/** `promise`, or a 408 once `ms` have passed. */
function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new ApiError(408, ErrorCode.badRequest, "The transcript took too long to arrive: send it again."),
        ),
      ms,
    );
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** A project's transcripts under /api/projects/:projectId/transcripts. */
export function transcriptRoutes(services: Services): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  const { transcripts, audit, liveAccess } = services;

  app.get("/", (c) => {
    const { project } = requireProjectRole(c, services, "observer");
    return c.json({ transcripts: transcripts.list(project.id) });
  });

  app.post("/", async (c) => {
    const { project, userId } = requireProjectRole(c, services, "coder");
    requireActiveProject(project, "nothing can be imported into it");
    requireJson(c);
    const busy = (message: string) => new ApiError(429, ErrorCode.busy, message, { "retry-after": "30" });
    const release = services.importSlots.take(userId);
    if (!release) throw busy("Your other imports are still on their way: try this one once they are in.");
    let prepared: PreparedImport;
    try {
      const bytes = await withDeadline(c.req.arrayBuffer(), BODY_DEADLINE_MS);
      const queued = services.importSlots.queue();
      if (!queued) throw busy("Other imports are being prepared: try this one again in a minute.");
      try {
        prepared = await services.imports.prepare(new Uint8Array(bytes));
      } finally {
        queued();
      }
    } catch (error) {
      throw error instanceof ImportBodyRefused ? badRequest(error.message) : error;
    } finally {
      release();
    }
    const overQuota = services.projectStorage.admit(
      formatRoomName({ kind: "project", projectId: project.id }),
      prepared.content.reduce((bytes, slice) => bytes + slice.byteLength, 0),
    );
    if (overQuota) throw new ApiError(413, ErrorCode.payloadTooLarge, `Not imported: ${overQuota}.`);
    // The project may have been archived, or the person removed, while the body was prepared.
    requireActiveProject(requireProjectRole(c, services, "coder").project, "nothing can be imported into it");
    const { words } = prepared;
    const transcript = await transcripts.createFromSlices({
      projectId: project.id,
      ...prepared,
      createdBy: userId,
    });
    audit.record({
      actorId: userId,
      action: "transcript.import",
      projectId: project.id,
      subject: transcript.id,
      detail: { words },
    });
    await liveAccess.signalTranscriptsChanged(project.id);
    return c.json({ transcript }, 201);
  });

  // Codings per code across the project's transcripts (raw code ids; the client follows merges).
  app.get("/code-counts", async (c) => {
    const { project } = requireProjectRole(c, services, "observer");
    const counts: Record<string, { codings: number; transcripts: number }> = {};
    for (const transcript of transcripts.list(project.id)) {
      const room = formatRoomName({ kind: "transcript", projectId: project.id, transcriptId: transcript.id });
      for (const [codeId, codings] of await services.codeCounts.countsOf(room)) {
        const entry = counts[codeId] ?? { codings: 0, transcripts: 0 };
        counts[codeId] = entry;
        entry.codings += codings;
        entry.transcripts += 1;
      }
    }
    return c.json({ counts });
  });

  app.get("/:transcriptId", (c) => {
    const { project } = requireProjectRole(c, services, "observer");
    const transcript = transcripts.get(project.id, c.req.param("transcriptId"));
    if (!transcript) throw notFound("There is no such transcript in this project.");
    return c.json({ transcript });
  });

  // What deleting the transcript would take with it: its codings (each counted once) and threads.
  app.get("/:transcriptId/summary", async (c) => {
    const { project } = requireProjectRole(c, services, "observer");
    const transcript = transcripts.get(project.id, c.req.param("transcriptId"));
    if (!transcript) throw notFound("There is no such transcript in this project.");
    const room = (kind: "transcript" | "discussion") =>
      formatRoomName({ kind, projectId: project.id, transcriptId: transcript.id });
    const counts = await services.codeCounts.countsOf(room("transcript"));
    const codings = [...counts.values()].reduce((sum, n) => sum + n, 0);
    const threads = listThreads(await services.rooms.read(room("discussion"))).length;
    return c.json({ codings, threads });
  });

  // Codings removed by someone other than their coder (owners may): who removed whose, and when.
  app.get("/:transcriptId/coding-removals", (c) => {
    const { project } = requireProjectRole(c, services, "observer");
    const transcript = transcripts.get(project.id, c.req.param("transcriptId"));
    if (!transcript) throw notFound("There is no such transcript in this project.");
    return c.json({ removals: services.codingRemovals.list(project.id, transcript.id) });
  });

  // The whole shared document, for a page to fetch while its code loads (the sync room then sends
  // only what changed since). Readable by whoever may read the transcript's room.
  app.get("/:transcriptId/document", async (c) => {
    const { project, role, userId } = requireProjectRole(c, services, "observer");
    const transcript = transcripts.get(project.id, c.req.param("transcriptId"));
    if (!transcript) throw notFound("There is no such transcript in this project.");
    const room = { kind: "transcript", projectId: project.id, transcriptId: transcript.id } as const;
    const access = roomAccess(room, userId, role, {
      archived: project.archivedAt !== null,
      codebookLocked: project.codebookLocked,
    });
    if (!access) throw forbidden("You may not read this transcript.");
    const update = await services.rooms.wholeState(formatRoomName(room));
    return c.body(update as Uint8Array<ArrayBuffer>, 200, {
      "content-type": "application/octet-stream",
      "cache-control": "no-store",
    });
  });

  app.patch("/:transcriptId", async (c) => {
    const { project, userId } = requireProjectRole(c, services, "coder");
    requireActiveProject(project, "its transcripts' names and attributes cannot change");
    const body = await readBody(c, updateBody);
    const transcript = transcripts.update(project.id, c.req.param("transcriptId"), body);
    if (!transcript) throw notFound("There is no such transcript in this project.");
    audit.record({
      actorId: userId,
      action: "transcript.update",
      projectId: project.id,
      subject: transcript.id,
    });
    await liveAccess.signalTranscriptsChanged(project.id);
    return c.json({ transcript });
  });

  app.delete("/:transcriptId", async (c) => {
    const { project, userId } = requireProjectRole(c, services, "owner");
    const transcriptId = c.req.param("transcriptId");
    if (!transcripts.remove(project.id, transcriptId))
      throw notFound("There is no such transcript in this project.");
    audit.record({
      actorId: userId,
      action: "transcript.delete",
      projectId: project.id,
      subject: transcriptId,
    });
    liveAccess.closeTranscriptRooms(project.id, transcriptId, CloseCode.notFound, "transcript deleted");
    await liveAccess.signalTranscriptsChanged(project.id);
    return c.json({ removed: true });
  });

  return app;
}
