import { AGREEMENT_UNITS, type AgreementUnit } from "@concord/agreement";
import { indexTranscript } from "@concord/anchoring";
import { discussionThreads, reply, setResolved } from "@concord/discussion";
import {
  agreedCodings,
  type DisagreementItem,
  type Outcome,
  outcomeProblem,
  type ThreadItem,
  toleranceOf,
} from "@concord/meetings";
import { formatRoomName, isId, listCodes, transcriptContent } from "@concord/schema";
import { type Context, Hono } from "hono";
import * as Y from "yjs";
import { z } from "zod";
import { cleanLabel, cleanText } from "../../clean-text";
import { createId } from "../../db/secrets";
import { writeAgreedCodings, writeDecidedCodings } from "../../projects/decision-codings";
import { meetingAgreement } from "../../projects/meeting-agreement";
import { CodebookChangeRefused, changeCodebookInMeeting } from "../../projects/meeting-codebook";
import { meetingMinutes } from "../../projects/meeting-minutes";
import type { Meeting } from "../../projects/meeting-store";
import { roundAgendaAndAgreed, sharedAgenda } from "../../projects/round-agenda";
import type { Services } from "../../services";
import { ApiError, badRequest, conflict, ErrorCode, forbidden, notFound } from "../api-error";
import type { ApiEnv } from "../authentication";
import { requireActiveProject, requireProjectRole } from "../project-access";
import { readBody } from "../validation";

/** How long a rationale may be, in characters. */
export const MAX_RATIONALE = 20_000;

const id = z.string().refine(isId, "is not an id");
const stretch = z.object({ start: z.number().int(), end: z.number().int() });
const outcome = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("keep"), coderId: id }),
  z.object({ kind: z.literal("union") }),
  z.object({ kind: z.literal("intersection") }),
  z.object({ kind: z.literal("ranges"), ranges: z.array(stretch).max(100) }),
  z.object({ kind: z.literal("code"), codeId: id, ranges: z.array(stretch).max(100).optional() }),
  z.object({ kind: z.literal("none") }),
]);
const createBody = z.object({
  roundId: id.optional(),
  shared: z.object({ transcriptIds: z.array(id).min(1).max(100), coderIds: z.array(id).max(50) }).optional(),
  title: z.string().trim().min(1).max(200).optional(),
  tolerance: z.union([z.number().int().min(0).max(10_000), z.literal("turn")]).optional(),
  groupBy: z.enum(["transcript", "code"]).optional(),
  order: z.enum(["position", "impact"]).optional(),
  filter: z
    .object({
      codeIds: z.array(id).max(1000).optional(),
      coderIds: z.array(id).max(1000).optional(),
      transcriptIds: z.array(id).max(1000).optional(),
    })
    .optional(),
});
const decisionBody = z.object({
  basedOn: z.number().int().min(0),
  outcome,
  rationale: z.string().max(1_000_000),
});
// What people type is cleaned as every name and text is: no controls, overrides or invisible characters.
const text = z.string().max(20_000).transform(cleanText);
const codeName = z.string().max(1_000).transform(cleanLabel).pipe(z.string().min(1).max(200));
const definition = {
  description: text.optional(),
  inclusion: text.optional(),
  exclusion: text.optional(),
  example: text.optional(),
};
const codebookBody = z.object({
  change: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("refine"), codeId: id, name: codeName.optional(), ...definition }),
    z.object({ kind: z.literal("merge"), codeId: id, intoId: id }),
    z.object({
      kind: z.literal("split"),
      codeId: id,
      into: z
        .array(z.object({ name: codeName, ...definition }))
        .min(2)
        .max(10),
      archiveOriginal: z.boolean().default(false),
    }),
  ]),
});
const facilitatorBody = z.object({ userId: id });
const settingsBody = z.object({ attendeesDecide: z.boolean() });

/**
 * Consensus meetings under /api/projects/:projectId/meetings. Every member reads them; coders and
 * owners prepare one from a revealed round; its facilitator (or, if they allow it, any attendee who
 * codes) decides items, and each accepted decision writes its agreed codings into the transcript's
 * shared codings, marked with the decision. Every attempt is in the meeting's log.
 */
export function meetingRoutes(services: Services): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  const { meetings, rounds, audit, rooms } = services;

  const meetingIn = (c: Context<ApiEnv>, projectId: string): Meeting => {
    const meeting = meetings.get(projectId, c.req.param("meetingId") ?? "");
    if (!meeting) throw notFound("There is no such meeting in this project.");
    return meeting;
  };
  /** The rationale typed for an item in the meeting's room, as the server holds it ("" if none). */
  const roomRationale = async (meeting: Meeting, itemId: string): Promise<string> => {
    const room = await rooms.read(
      formatRoomName({ kind: "meeting", projectId: meeting.projectId, meetingId: meeting.id }),
    );
    const text = room.getMap("rationale").get(itemId);
    return text instanceof Y.Text ? text.toString() : "";
  };
  // Who was present at a decision: who had the meeting's room open then (the decider is recorded apart).
  const presentAt = (meeting: Meeting): string[] =>
    rooms.presentIn(formatRoomName({ kind: "meeting", projectId: meeting.projectId, meetingId: meeting.id }));
  /** The transcripts and coders a meeting on shared codings compares, checked against the project. */
  const sharedSourceOf = (projectId: string, asked: { transcriptIds: string[]; coderIds: string[] }) => {
    const transcriptIds = [...new Set(asked.transcriptIds)];
    const coderIds = [...new Set(asked.coderIds)];
    if (transcriptIds.some((t) => !services.transcripts.get(projectId, t)))
      throw badRequest("Choose transcripts of this project.");
    if (coderIds.length < 2) throw badRequest("Choose at least two coders whose codings to compare.");
    for (const coderId of coderIds) {
      const role = services.projects.roleOf(projectId, coderId);
      if (role !== "owner" && role !== "coder")
        throw badRequest("Choose coders and owners of this project: observers do not code.");
    }
    return { transcriptIds, coderIds };
  };
  const withDecisions = (meeting: Meeting) => {
    const log = meetings.log(meeting.id);
    // Each item's current decision is its last accepted one: read from the log, not asked again.
    const decisions = Object.fromEntries(log.filter((d) => d.accepted).map((d) => [d.itemId, d]));
    const codebookChanges = services.codeHistory.forMeeting(meeting.id);
    return {
      meeting: shown(meeting),
      decisions,
      log,
      codebookChanges,
      attendance: meetings.attendance(meeting.id),
    };
  };

  app.get("/", (c) => {
    const { project } = requireProjectRole(c, services, "observer");
    return c.json({ meetings: meetings.list(project.id).map(shown) });
  });

  /**
   * What a meeting asked for would be on, checked as creating it checks (who may, a revealed round,
   * one meeting per round and per coders' shared codings) but with nothing written: its agenda and,
   * on a round, the passages every coder coded alike.
   */
  const prepare = async (
    { project, role }: ReturnType<typeof requireProjectRole>,
    body: z.infer<typeof createBody>,
  ) => {
    requireActiveProject(project, "meetings cannot be held");
    if ((body.roundId === undefined) === (body.shared === undefined))
      throw badRequest(
        "Choose what the meeting is on: a revealed round, or the shared codings of chosen transcripts and coders.",
      );
    const tolerance = toleranceOf(body.tolerance);
    const { groupBy, order } = body;
    // An empty list keeps everything, as leaving it out does.
    const filter = body.filter
      ? Object.fromEntries(Object.entries(body.filter).filter(([, ids]) => ids && ids.length > 0))
      : undefined;
    if (body.shared) {
      // Its decisions remove coders' own codings, which only they or an owner may do.
      if (role !== "owner")
        throw forbidden(
          "Only owners prepare a meeting on shared codings: its decisions take the place of coders' own codings.",
        );
      const shared = sharedSourceOf(project.id, body.shared);
      overlappingMeetingRefused(project.id, shared);
      const source = { projectId: project.id, ...shared };
      const layout = { groupBy, order, filter };
      const agenda = await sharedAgenda(rooms, services.transcripts, source, tolerance, layout);
      return { kind: "shared" as const, project, tolerance, agenda, agreed: [], shared };
    }
    const round = rounds.get(project.id, body.roundId as string);
    if (!round) throw notFound("There is no such round in this project.");
    if (round.status !== "revealed")
      throw conflict(`The round "${round.name}" is ${round.status}: a meeting works on a revealed round.`);
    heldMeetingRefused(project.id, round);
    const { agenda, agreed } = await roundAgendaAndAgreed(rooms, services.transcripts, round, tolerance, {
      groupBy,
      order,
      filter,
    });
    return { kind: "round" as const, project, tolerance, agenda, agreed, round };
  };
  // Two meetings deciding the same coders' codings of one transcript would decide them twice.
  const overlappingMeetingRefused = (
    projectId: string,
    shared: { transcriptIds: string[]; coderIds: string[] },
  ) => {
    const overlapping = meetings
      .list(projectId)
      .find((m) => m.shared !== null && sharesTranscriptAndTwoCoders(m.shared, shared));
    if (overlapping)
      throw conflict(
        `"${overlapping.title}" is on the shared codings of these coders in these transcripts already: carry on there.`,
      );
  };
  // Two meetings deciding one round's items would write over each other's codings.
  const heldMeetingRefused = (projectId: string, round: { id: string; name: string }) => {
    const held = meetings.list(projectId).find((m) => m.roundId === round.id);
    if (held)
      throw conflict(
        `The round "${round.name}" has its meeting already ("${held.title}"): carry on there, and reopen a decision to change it.`,
      );
  };

  // A preview reads every layer and builds the agenda: one at a time per project, so that a form
  // changed quickly (or a script) cannot pile them up and hold up everyone else's requests.
  const previewing = new Set<string>();
  /** How many items a meeting prepared so would have, and how many passages every coder coded alike. */
  app.post("/preview", async (c) => {
    const access = requireProjectRole(c, services, "coder");
    const { project } = access;
    if (previewing.has(project.id))
      throw new ApiError(
        429,
        ErrorCode.busy,
        "The agenda is being worked out already: try again in a moment.",
        {
          "retry-after": "1",
        },
      );
    previewing.add(project.id);
    let prepared: Awaited<ReturnType<typeof prepare>>;
    try {
      prepared = await prepare(access, await readBody(c, createBody));
    } finally {
      previewing.delete(project.id);
    }
    const { agenda, agreed } = prepared;
    const threads = agenda.filter((item) => item.kind === "thread").length;
    return c.json({
      preview: {
        items: agenda.length,
        disagreements: agenda.length - threads,
        threads,
        agreedPassages: agreed.length,
        transcripts: new Set(agenda.flatMap((item) => (item.transcriptId ? [item.transcriptId] : []))).size,
      },
    });
  });

  app.post("/", async (c) => {
    const access = requireProjectRole(c, services, "coder");
    const body = await readBody(c, createBody);
    const prepared = await prepare(access, body);
    const { userId } = access;
    const { project, tolerance, agenda } = prepared;
    // Checked again with nothing awaited before the row is made: of two requests racing to make
    // the same meeting, one does (and writes the agreed codings once).
    let meeting: Meeting;
    if (prepared.kind === "shared") {
      const { shared } = prepared;
      overlappingMeetingRefused(project.id, shared);
      meeting = meetings.create({
        projectId: project.id,
        roundId: null,
        shared,
        title: body.title ?? "Meeting on shared codings",
        tolerance,
        agenda,
        facilitatorId: userId,
      });
    } else {
      const { round, agreed } = prepared;
      heldMeetingRefused(project.id, round);
      meeting = meetings.create({
        projectId: project.id,
        roundId: round.id,
        title: body.title ?? `Meeting on ${round.name}`,
        tolerance,
        agenda,
        agreed,
        facilitatorId: userId,
      });
      // What every coder coded alike needs no discussion: it is in the shared codings from the start.
      await writeAgreedCodings(rooms, meeting, agreed);
    }
    // The meeting starts on its first item, whose rationale is open for everyone to type in.
    const first = meeting.agenda[0];
    if (first) {
      await rooms.change(
        formatRoomName({ kind: "meeting", projectId: project.id, meetingId: meeting.id }),
        (doc) => {
          doc.getMap("rationale").set(first.id, new Y.Text());
          doc.getMap("place").set("item", first.id);
          doc.getMap("place").set("at", Date.now());
        },
      );
    }
    audit.record({ actorId: userId, action: "meeting.create", projectId: project.id, subject: meeting.id });
    return c.json(withDecisions(meeting), 201);
  });

  app.get("/:meetingId", (c) => {
    const { project } = requireProjectRole(c, services, "observer");
    return c.json(withDecisions(meetingIn(c, project.id)));
  });

  // Agreement among the round's coders, and of each coder's layer with what the meeting decided.
  app.get("/:meetingId/agreement", async (c) => {
    const { project } = requireProjectRole(c, services, "observer");
    const meeting = meetingIn(c, project.id);
    if (!meeting.roundId)
      throw notFound("Agreement before and after is worked out for a meeting on a round's layers.");
    const round = rounds.get(project.id, meeting.roundId);
    if (!round) throw notFound("This meeting's round is gone.");
    const unit = (c.req.query("unit") ?? "turn") as AgreementUnit;
    if (!AGREEMENT_UNITS.includes(unit)) throw badRequest("Choose the unit: turn, character or transcript.");
    return c.json(await meetingAgreement(services, meeting.id, round, unit));
  });

  app.get("/:meetingId/minutes", async (c) => {
    const { project } = requireProjectRole(c, services, "observer");
    const meeting = meetingIn(c, project.id);
    const format = c.req.query("format") ?? "md";
    if (format !== "md" && format !== "html") throw badRequest("Choose the format: md or html.");
    const minutes = await meetingMinutes(services, meeting, format);
    // Everything written into the page is escaped, and the app's content policy runs no inline script.
    return c.body(minutes, 200, {
      "content-type": format === "html" ? "text/html; charset=utf-8" : "text/markdown; charset=utf-8",
    });
  });

  // The facilitator lets every attending coder and owner decide, or only themselves.
  app.patch("/:meetingId", async (c) => {
    const { project, userId } = requireProjectRole(c, services, "coder");
    const meeting = meetingIn(c, project.id);
    requireActiveProject(project, "its meetings do not change");
    if (meeting.facilitatorId !== userId) throw forbidden("Only the facilitator says who decides.");
    const { attendeesDecide } = await readBody(c, settingsBody);
    meetings.setAttendeesDecide(meeting.id, attendeesDecide);
    return c.json(withDecisions(meetingIn(c, project.id)));
  });

  // The facilitator hands the role over (an owner may take it, say when the facilitator has gone).
  app.post("/:meetingId/facilitator", async (c) => {
    const { project, role, userId } = requireProjectRole(c, services, "coder");
    const meeting = meetingIn(c, project.id);
    requireActiveProject(project, "its meetings do not change");
    if (meeting.facilitatorId !== userId && role !== "owner")
      throw forbidden("Only the facilitator or an owner hands the facilitation over.");
    const { userId: next } = await readBody(c, facilitatorBody);
    const nextRole = services.projects.roleOf(project.id, next);
    if (nextRole !== "owner" && nextRole !== "coder")
      throw badRequest("The facilitator decides: choose a coder or an owner of this project.");
    meetings.setFacilitator(meeting.id, next);
    return c.json(withDecisions(meetingIn(c, project.id)));
  });

  /** The meeting and the item a decider acts on, or the error that says why they may not. */
  const decidersItem = (c: Context<ApiEnv>, refusal: string) => {
    const { project, role, userId } = requireProjectRole(c, services, "coder");
    requireActiveProject(project, refusal);
    const meeting = meetingIn(c, project.id);
    if (meeting.facilitatorId !== userId) {
      if (!(meeting.attendeesDecide && (role === "owner" || role === "coder")))
        throw forbidden("Only the meeting's facilitator decides its items.");
      // "Attendees decide" means those attending: with the meeting open.
      if (!presentAt(meeting).includes(userId))
        throw forbidden("Join the meeting to decide its items: only attendees decide.");
    }
    // On shared codings a decision removes coders' own codings: an owner's to make, whoever facilitates.
    if (meeting.shared && role !== "owner")
      throw forbidden(
        "On shared codings only owners decide: a decision takes the place of coders' own codings.",
      );
    const item = meeting.agenda.find((i) => i.id === c.req.param("itemId"));
    if (!item) throw notFound("That item is not on this meeting's agenda.");
    return { project, role, userId, meeting, item };
  };

  // A change to the codebook made on an item: refine a code's definition, split a code, merge two.
  app.post("/:meetingId/items/:itemId/codebook", async (c) => {
    const { project, role, userId, meeting, item } = decidersItem(c, "its codebook does not change");
    if (project.codebookLocked && role !== "owner")
      throw forbidden("The codebook is locked: only owners change it.");
    const { change } = await readBody(c, codebookBody);
    const decision = meetings.current(meeting.id).get(item.id) ?? null;
    try {
      const changes = await changeCodebookInMeeting(rooms, services.codeHistory, {
        projectId: project.id,
        actorId: userId,
        change,
        cause: { meetingId: meeting.id, itemId: item.id, decisionId: decision?.id ?? null },
      });
      audit.record({
        actorId: userId,
        action: "meeting.codebook",
        projectId: project.id,
        subject: change.codeId,
        detail: { meeting: meeting.id, item: item.id, kind: change.kind },
      });
      return c.json({ changes }, 201);
    } catch (error) {
      if (error instanceof CodebookChangeRefused) throw badRequest(error.message);
      throw error;
    }
  });

  app.post("/:meetingId/items/:itemId/decisions", async (c) => {
    const { project, userId, meeting, item } = decidersItem(c, "its meetings decide nothing");
    const body = await readBody(c, decisionBody);
    // The rationale is what the meeting typed in its room, as the server holds it; a caller without
    // the room (a script) sends its own.
    body.rationale = (await roomRationale(meeting, item.id)) || body.rationale;
    if (body.rationale.length > MAX_RATIONALE)
      throw new ApiError(
        413,
        ErrorCode.payloadTooLarge,
        `A rationale holds at most ${MAX_RATIONALE.toLocaleString("en")} characters.`,
      );
    // A version nobody has seen yet is a mistake, not a race: refused, and not logged.
    const standing = meetings.current(meeting.id).get(item.id)?.version ?? 0;
    if (body.basedOn > standing)
      throw badRequest(`This item stands at version ${standing}: decide it from there.`);
    if (item.kind === "thread")
      return c.json(await decideThread(meeting, item, body.basedOn, body.rationale, userId, project.id), 201);
    const decided = item as DisagreementItem;
    if (!services.transcripts.get(project.id, decided.transcriptId))
      throw notFound("This item's transcript has been deleted: there is nothing to decide on.");
    const text = await rooms.read(
      formatRoomName({ kind: "transcript", projectId: project.id, transcriptId: decided.transcriptId }),
    );
    const problem = outcomeProblem(
      decided,
      body.outcome as Outcome,
      indexTranscript(transcriptContent(text)).length,
    );
    if (problem) throw badRequest(problem);
    const chosen = body.outcome;
    if (chosen.kind === "code") {
      const projectDoc = await rooms.read(formatRoomName({ kind: "project", projectId: project.id }));
      const live = listCodes(projectDoc).find((code) => code.id === chosen.codeId);
      if (!live || live.archived || live.mergedInto !== null)
        throw badRequest("Choose a code of the codebook that is in use (not archived, not merged).");
    }
    // Worked out before anything is recorded, so that a decision is never logged without its codings.
    const agreed = agreedCodings(decided, body.outcome as Outcome);
    // Decided and recorded in one SQLite transaction: of two racing deciders exactly one is accepted.
    const result = meetings.decide({
      meetingId: meeting.id,
      itemId: item.id,
      basedOn: body.basedOn,
      outcome: body.outcome as Outcome,
      rationale: body.rationale,
      attendees: presentAt(meeting),
      decidedBy: userId,
    });
    if ("refused" in result) {
      return c.json(
        {
          error: ErrorCode.conflict,
          message: "Someone decided this item first: here is their decision. Reopen it to change it.",
          current: result.current,
          refused: result.refused,
        },
        409,
      );
    }
    services.codeHistory.linkDecision(meeting.id, item.id, result.accepted.id);
    // On shared codings the decision takes the place of the coders' versions it settles.
    const versions = meeting.shared ? Object.values(decided.versions).flatMap((v) => v.map((c) => c.id)) : [];
    const { codingIds, superseded } = await writeDecidedCodings(
      rooms,
      { projectId: project.id, transcriptId: decided.transcriptId },
      result.accepted,
      result.replaces?.id ?? null,
      agreed,
      versions,
    );
    const kept = body.outcome.kind === "keep" ? body.outcome.coderId : null;
    // A coder whose version was kept has lost nothing: only the others are told theirs was replaced.
    for (const coding of superseded.filter((c) => c.coderId !== kept)) {
      services.codingRemovals.add({
        projectId: project.id,
        transcriptId: decided.transcriptId,
        codingId: coding.id,
        codeId: coding.codeId,
        coderId: coding.coderId,
        removedBy: userId,
        quote: coding.quote.slice(0, 500),
      });
    }
    const told = [...new Set(superseded.map((c) => c.coderId).filter((id) => id !== kept))];
    if (told.length > 0) await services.liveAccess.signalInboxes(told).catch(() => {});
    audit.record({
      actorId: userId,
      action: "meeting.decide",
      projectId: project.id,
      subject: result.accepted.id,
      detail: { meeting: meeting.id, item: item.id, version: result.accepted.version },
    });
    return c.json({ decision: result.accepted, codingIds }, 201);
  });

  /**
   * Decides a thread marked for the meeting: the decision is logged like any, and the thread gets
   * the rationale as a reply that says which meeting decided, and is resolved.
   */
  const decideThread = async (
    meeting: Meeting,
    item: ThreadItem,
    basedOn: number,
    rationale: string,
    userId: string,
    projectId: string,
  ) => {
    const result = meetings.decide({
      meetingId: meeting.id,
      itemId: item.id,
      basedOn,
      outcome: { kind: "none" },
      rationale,
      attendees: presentAt(meeting),
      decidedBy: userId,
    });
    if ("refused" in result) throw conflict("Someone decided this item first. Reopen it to change it.");
    services.codeHistory.linkDecision(meeting.id, item.id, result.accepted.id);
    const room = formatRoomName({ kind: "discussion", projectId, transcriptId: item.transcriptId });
    const words = rationale.trim() || "(no rationale was written)";
    await rooms.change(room, (doc) => {
      if (!discussionThreads(doc).has(item.threadId)) return;
      reply(doc, item.threadId, {
        id: createId(),
        authorId: userId,
        body: `Decided in the meeting “${meeting.title}” (decision ${result.accepted.id}, version ${result.accepted.version}): ${words}`,
        mentions: [],
        at: Date.now(),
      });
      setResolved(doc, item.threadId, userId, true, Date.now() + 1);
    });
    await services.liveAccess.signalThreadsChanged(projectId);
    return { decision: result.accepted, codingIds: [] };
  };

  return app;
}

/** Whether two meetings on shared codings would decide some of the same coders' codings twice. */
function sharesTranscriptAndTwoCoders(
  a: { readonly transcriptIds: readonly string[]; readonly coderIds: readonly string[] },
  b: { readonly transcriptIds: readonly string[]; readonly coderIds: readonly string[] },
): boolean {
  return (
    a.transcriptIds.some((t) => b.transcriptIds.includes(t)) &&
    a.coderIds.filter((coder) => b.coderIds.includes(coder)).length >= 2
  );
}

/**
 * A meeting as the routes send it: the passages taken as agreed are counted, not listed (a round
 * can have tens of thousands; the minutes and the shared codings hold them).
 */
function shown(meeting: Meeting): Omit<Meeting, "agreed"> & { agreedCount: number } {
  const { agreed, ...rest } = meeting;
  return { ...rest, agreedCount: agreed.length };
}
