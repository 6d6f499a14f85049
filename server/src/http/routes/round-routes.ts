import { AGREEMENT_UNITS, type AgreementUnit } from "@concord/agreement";
import {
  formatRoomName,
  isId,
  mayReadAllLayers,
  mayReadLayer,
  type Round,
  type RoundStatus,
} from "@concord/schema";
import { type Context, Hono } from "hono";
import { z } from "zod";
import { roundCandidates } from "../../projects/round-candidates";
import { agreementOf } from "../../projects/round-figures";
import { readRoundLayers } from "../../projects/round-layers";
import { roundProblem } from "../../projects/round-request";
import type { Services } from "../../services";
import { badRequest, conflict, forbidden, notFound } from "../api-error";
import type { ApiEnv } from "../authentication";
import { requireActiveProject, requireProjectRole } from "../project-access";
import { readBody } from "../validation";

const ids = z.array(z.string().refine(isId, "Ids are 1 to 64 letters, digits, - or _."));
const createBody = z.object({
  name: z.string(),
  transcriptIds: ids,
  coderIds: ids,
  codeIds: ids.nullable().optional(),
  monitor: z.boolean().optional(),
});

const MOVE_WORDS: Record<RoundStatus, { verb: string; from: string }> = {
  closed: { verb: "close", from: "Only an open round can be closed." },
  open: { verb: "open", from: "Only a closed round can be opened again; a revealed round stays as it is." },
  revealed: { verb: "reveal", from: "Close the round before revealing it; a revealed round stays revealed." },
};

/**
 * Coding rounds under /api/projects/:projectId/rounds: every member lists them (names, transcripts,
 * coders, status; never anyone's work); owners make, close, reopen and reveal them. A round's
 * layers and agreement are read here only by those the round lets read them ({@link mayReadLayer}).
 */
export function roundRoutes(services: Services): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  const { rounds, audit, liveAccess } = services;

  const roundIn = (c: Context<ApiEnv>, projectId: string): Round => {
    const round = rounds.get(projectId, c.req.param("roundId") ?? "");
    if (!round) throw notFound("There is no such round in this project.");
    return round;
  };

  app.get("/", (c) => {
    const { project } = requireProjectRole(c, services, "observer");
    return c.json({ rounds: rounds.list(project.id) });
  });

  app.post("/", async (c) => {
    const { project, userId } = requireProjectRole(c, services, "owner");
    requireActiveProject(project, "rounds cannot be started");
    const body = await readBody(c, createBody);
    const request = {
      name: body.name.trim(),
      transcriptIds: body.transcriptIds,
      coderIds: body.coderIds,
      codeIds: body.codeIds ?? null,
      monitor: body.monitor ?? false,
    };
    const projectDoc = await services.rooms.read(formatRoomName({ kind: "project", projectId: project.id }));
    const problem = roundProblem(request, roundCandidates(project.id, services, projectDoc));
    if (problem) throw badRequest(problem);
    const round = rounds.create({ ...request, projectId: project.id, createdBy: userId });
    audit.record({
      actorId: userId,
      action: "round.create",
      projectId: project.id,
      subject: round.id,
      detail: { name: round.name, transcripts: round.transcriptIds.length, coders: round.coderIds },
    });
    liveAccess.refreshProject(project.id);
    return c.json({ round }, 201);
  });

  app.get("/:roundId", (c) => {
    const { project } = requireProjectRole(c, services, "observer");
    return c.json({ round: roundIn(c, project.id) });
  });

  for (const status of ["closed", "open", "revealed"] as const) {
    app.post(`/:roundId/${MOVE_WORDS[status].verb}`, (c) => {
      const { project, userId } = requireProjectRole(c, services, "owner");
      requireActiveProject(project, "its rounds stay as they are");
      const moved = rounds.move(project.id, roundIn(c, project.id).id, status);
      if (moved === null) throw notFound("There is no such round in this project.");
      if (moved === "same") return c.json({ round: roundIn(c, project.id) });
      if (moved === "refused") throw conflict(MOVE_WORDS[status].from);
      audit.record({
        actorId: userId,
        action: `round.${MOVE_WORDS[status].verb}`,
        projectId: project.id,
        subject: moved.id,
      });
      // Layers' sockets are re-decided at once: a closed round's coders only read, a revealed one's everyone reads.
      liveAccess.refreshProject(project.id);
      return c.json({ round: moved });
    });
  }

  // The layers this person may read, placed on the text: their own always, others' as the round allows.
  app.get("/:roundId/layers", async (c) => {
    const { project, role, userId } = requireProjectRole(c, services, "observer");
    const round = roundIn(c, project.id);
    const readable = (coderId: string) => mayReadLayer(round, coderId, userId, role);
    if (!round.coderIds.some(readable))
      throw forbidden("This round's layers are hidden until it is revealed.");
    const { layers } = await readRoundLayers(services.rooms, services.transcripts, round, readable);
    return c.json({ round, layers });
  });

  app.get("/:roundId/agreement", async (c) => {
    const { project, role } = requireProjectRole(c, services, "observer");
    const round = roundIn(c, project.id);
    if (!mayReadAllLayers(round, role)) {
      throw forbidden(
        round.monitor
          ? "Agreement is shown to owners while the round runs, and to everyone once it is revealed."
          : "Agreement is shown once the round is revealed.",
      );
    }
    const unit = (c.req.query("unit") ?? "turn") as AgreementUnit;
    if (!AGREEMENT_UNITS.includes(unit)) throw badRequest("Choose the unit: turn, character or transcript.");
    const placed = await readRoundLayers(services.rooms, services.transcripts, round, () => true);
    return c.json(agreementOf(round, placed, unit));
  });

  return app;
}
