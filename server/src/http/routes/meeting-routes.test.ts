import { krippendorffAlpha } from "@concord/agreement";
import { applyCode, createAnchor, indexTranscript, removeCoding } from "@concord/anchoring";
import { discussionThreads, readThread } from "@concord/discussion";
import { createCode, forEachCoding, listCodes, transcriptContent, updateCode } from "@concord/schema";
import { CloseCode, documentFromStorage } from "@concord/sync";
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createSqliteDocumentStorage } from "../../db/sqlite-document-storage";
import { roundAgenda } from "../../projects/round-agenda";
import { createApiClient, eventually, startTeam } from "../../testing";

type Team = Awaited<ReturnType<typeof startTeam>>;
let team: Team | null = null;

afterEach(async () => {
  await team?.server.dispose();
  team = null;
});

/**
 * A team with a round of the transcript (coder and colleague), open until `reveal()`: both coded
 * "Trust" on the first turn, with different boundaries, and only the colleague on the second.
 */
async function revealedRound() {
  team = await startTeam();
  const t = team;
  const api = createApiClient(t.server.url);
  const trust = await t.server.services.rooms.change(t.projectRoom, (doc) =>
    createCode(doc, { name: "Trust" }, t.ids.owner),
  );
  const made = await api.request<{ round: { id: string } }>("POST", `/api/projects/${t.project.id}/rounds`, {
    token: t.tokens.owner,
    body: { name: "Pilot", transcriptIds: [t.transcript.id], coderIds: [t.ids.coder, t.ids.colleague] },
  });
  const roundId = made.body.round.id;
  const text = await t.server.services.rooms.read(t.transcriptRoom);
  const layer = (person: "coder" | "colleague") =>
    `layer.${t.project.id}.${t.transcript.id}.${roundId}.${t.ids[person]}`;
  const coder = await t.join("coder", layer("coder"));
  const colleague = await t.join("colleague", layer("colleague"));
  applyCode(coder.doc, text, { start: 0, end: 10 }, trust, t.ids.coder);
  applyCode(colleague.doc, text, { start: 0, end: 20 }, trust, t.ids.colleague);
  applyCode(colleague.doc, text, { start: 40, end: 50 }, trust, t.ids.colleague);
  await eventually(async () =>
    expect((await t.server.services.documents.load(layer("colleague"))).updates.length).toBe(2),
  );
  coder.destroy();
  colleague.destroy();
  const meetings = `/api/projects/${t.project.id}/meetings`;
  const as = (person: keyof Team["tokens"]) => ({
    post: <T = Record<string, unknown>>(path: string, body: unknown) =>
      api.request<T>("POST", `${meetings}${path}`, { token: t.tokens[person], body }),
    get: <T = Record<string, unknown>>(path: string) =>
      api.request<T>("GET", `${meetings}${path}`, { token: t.tokens[person] }),
  });
  const rounds = `/api/projects/${t.project.id}/rounds/${roundId}`;
  const reveal = async () => {
    await api.request("POST", `${rounds}/close`, { token: t.tokens.owner });
    await api.request("POST", `${rounds}/reveal`, { token: t.tokens.owner });
  };
  return { t, api, roundId, trust, as, reveal };
}

/** The shared codings as stored: code, start of the quote's text, and the decision each came from. */
async function storedCodings(t: Team) {
  const doc = documentFromStorage(await createSqliteDocumentStorage(t.server.db).load(t.transcriptRoom));
  const found: { codeId: string; decisionId: string | undefined; quote: string }[] = [];
  forEachCoding(doc, (coding) =>
    found.push({ codeId: coding.codeId, decisionId: coding.decisionId, quote: coding.anchor.quote.exact }),
  );
  return found;
}

interface MeetingAnswer {
  meeting: { id: string; agenda: { id: string; start: number; end: number; reason: string }[] };
  log: { decidedBy: string; accepted: boolean; version: number }[];
}

describe("consensus meetings over the API", () => {
  it("refuse a meeting on a round that is not revealed, in words", async () => {
    const { as, roundId } = await revealedRound();
    const early = await as("coder").post<{ message: string }>("", { roundId });
    expect(early.status).toBe(409);
    expect(early.body.message).toBe('The round "Pilot" is open: a meeting works on a revealed round.');
  });

  it("build the agenda from the round's layers: boundaries beyond the tolerance, and a code one coder left out", async () => {
    const { as, roundId, reveal, t } = await revealedRound();
    await reveal();
    const strict = await as("coder").post<MeetingAnswer>("", { roundId, tolerance: 3 });
    expect(strict.status).toBe(201);
    expect(strict.body.meeting.agenda.map((i) => [i.start, i.end, i.reason])).toEqual([
      [0, 20, "boundaries"],
      [40, 50, "presence"],
    ]);
    // The meeting starts on its first item, its rationale open for everyone to type in.
    const room = await t.server.services.rooms.read(`meeting.${t.project.id}.${strict.body.meeting.id}`);
    expect(room.getMap("place").get("item")).toBe(strict.body.meeting.agenda[0]?.id);
    expect(room.getMap("rationale").get(strict.body.meeting.agenda[0]?.id as string)).toBeInstanceOf(Y.Text);
    const round = t.server.services.rounds.get(t.project.id, roundId);
    const lenient = round
      ? await roundAgenda(t.server.services.rooms, t.server.services.transcripts, round, { kind: "turn" })
      : [];
    expect(lenient.map((i) => (i.kind === "disagreement" ? i.reason : i.kind))).toEqual(["presence"]);
    // One meeting per round: a second would write over the first one's decided codings.
    const second = await as("coder").post<{ message: string }>("", { roundId, tolerance: "turn" });
    expect([second.status, second.body.message]).toEqual([
      409,
      'The round "Pilot" has its meeting already ("Meeting on Pilot"): carry on there, and reopen a decision to change it.',
    ]);
  });

  it("take one of two decisions made at once, write it once into the shared codings, and log both", async () => {
    const { as, api, roundId, reveal, t, trust } = await revealedRound();
    await reveal();
    const made = await as("owner").post<MeetingAnswer>("", { roundId, tolerance: 3 });
    const meeting = made.body.meeting;
    expect(
      (
        await api.request("PATCH", `/api/projects/${t.project.id}/meetings/${meeting.id}`, {
          token: t.tokens.coder,
          body: { attendeesDecide: true },
        })
      ).status,
    ).toBe(403);
    const allowed = await api.request<MeetingAnswer & { meeting: { attendeesDecide: boolean } }>(
      "PATCH",
      `/api/projects/${t.project.id}/meetings/${meeting.id}`,
      { token: t.tokens.owner, body: { attendeesDecide: true } },
    );
    expect(allowed.body.meeting.attendeesDecide).toBe(true);
    const item = meeting.agenda[0]?.id as string;
    const path = `/${meeting.id}/items/${encodeURIComponent(item)}/decisions`;
    // Attendees decide: those with the meeting open.
    const away = await as("coder").post<{ message: string }>(path, {
      basedOn: 0,
      outcome: { kind: "union" },
      rationale: "",
    });
    expect([away.status, away.body.message]).toEqual([
      403,
      "Join the meeting to decide its items: only attendees decide.",
    ]);
    const room = `meeting.${t.project.id}.${meeting.id}`;
    const attending = [
      await t.join("coder", room, new Y.Doc()),
      await t.join("colleague", room, new Y.Doc()),
    ];
    const [a, b] = await Promise.all([
      as("coder").post(path, {
        basedOn: 0,
        outcome: { kind: "keep", coderId: t.ids.coder },
        rationale: "The first words only.",
      }),
      as("colleague").post(path, { basedOn: 0, outcome: { kind: "union" }, rationale: "The whole answer." }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const codings = await storedCodings(t);
    expect(codings).toHaveLength(1);
    expect(codings[0]?.codeId).toBe(trust);
    const answer = await as("observer").get<MeetingAnswer>(`/${meeting.id}`);
    expect(answer.body.log.map((d) => d.accepted).sort()).toEqual([false, true]);

    // Reopened: the new version replaces the old one's codings; both versions stay in the log.
    const reopened = await as("owner").post(path, {
      basedOn: 1,
      outcome: { kind: "none" },
      rationale: "Not trust after all.",
    });
    expect(reopened.status).toBe(201);
    expect(await storedCodings(t)).toEqual([]);
    expect((await as("owner").get<MeetingAnswer>(`/${meeting.id}`)).body.log).toHaveLength(3);

    // The minutes say what was decided and why, what was not taken, and who was there.
    const minutes = await fetch(
      `${t.server.url}/api/projects/${t.project.id}/meetings/${meeting.id}/minutes`,
      {
        headers: { authorization: `Bearer ${t.tokens.observer}` },
      },
    );
    const text = await minutes.text();
    expect(minutes.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    expect(text).toContain("- Decided: no code here.");
    expect(text).toContain("> Not trust after all.");
    expect(text).toContain("Not taken (decided meanwhile by someone else)");
    expect(text).toMatch(/## Attendance\n\n- (coder|colleague) \(joined.*\n- (coder|colleague) \(joined/);
    for (const client of attending) client.destroy();
    const page = await fetch(
      `${t.server.url}/api/projects/${t.project.id}/meetings/${meeting.id}/minutes?format=html`,
      {
        headers: { authorization: `Bearer ${t.tokens.observer}` },
      },
    );
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await page.text()).toContain("<h1>Minutes: Meeting on Pilot</h1>");
  });

  it("say agreement before the meeting and, for each coder, with what the meeting decided", async () => {
    const { as, roundId, reveal, t } = await revealedRound();
    await reveal();
    const meeting = (await as("owner").post<MeetingAnswer>("", { roundId, tolerance: 3 })).body.meeting;
    // The first turn's item: keep the coder's version; the second turn's stays undecided.
    const first = meeting.agenda.find((i) => i.start === 0);
    await as("owner").post(`/${meeting.id}/items/${encodeURIComponent(first?.id ?? "")}/decisions`, {
      basedOn: 0,
      outcome: { kind: "keep", coderId: t.ids.coder },
      rationale: "The first words only.",
    });
    const figures = await as("observer").get<{
      before: { krippendorffAlpha: number | null };
      after: { coderId: string; krippendorffAlpha: number | null }[];
    }>(`/${meeting.id}/agreement?unit=turn`);
    // Turns coded: the coder [1, 0], the colleague [1, 1], the decisions [1, 0].
    expect(figures.body.before.krippendorffAlpha).toBeCloseTo(
      krippendorffAlpha([
        [1, 0],
        [1, 1],
      ]) as number,
      12,
    );
    expect(figures.body.after).toEqual([
      expect.objectContaining({ coderId: t.ids.coder, krippendorffAlpha: 1 }),
      expect.objectContaining({
        coderId: t.ids.colleague,
        krippendorffAlpha: krippendorffAlpha([
          [1, 1],
          [1, 0],
        ]),
      }),
    ]);
  });

  it("preview a meeting's agenda as it is prepared, writing nothing, to coders and owners only (rows in the authorization matrix)", async () => {
    const { as, roundId, reveal, t } = await revealedRound();
    const early = await as("coder").post<{ message: string }>("/preview", { roundId });
    expect(early.status).toBe(409);
    await reveal();
    const strict = await as("coder").post<{ preview: Record<string, number> }>("/preview", {
      roundId,
      tolerance: 3,
    });
    expect([strict.status, strict.body.preview]).toEqual([
      200,
      { items: 2, disagreements: 2, threads: 0, agreedPassages: 0, transcripts: 1 },
    ]);
    // Within the same turn, the first turn's boundaries agree.
    const lenient = await as("owner").post<{ preview: Record<string, number> }>("/preview", {
      roundId,
      tolerance: "turn",
    });
    expect(lenient.body.preview).toMatchObject({ items: 1, agreedPassages: 1 });
    expect((await as("observer").post("/preview", { roundId })).status).toBe(403);
    // Who is asking is checked before what they ask.
    expect((await as("observer").post("/preview", { roundId: 5 })).status).toBe(403);
    expect((await as("coder").post("/preview", { roundId, tolerance: -1 })).status).toBe(400);
    // One preview at a time per project: a refused one lets the next through.
    expect((await as("coder").post("/preview", { roundId })).status).toBe(200);
    expect(t.server.services.meetings.list(t.project.id)).toEqual([]);
    expect(await storedCodings(t)).toEqual([]);
  });

  it("take what every coder coded alike into the shared codings when the meeting is made, and count it as decided", async () => {
    const { as, roundId, reveal, t, trust } = await revealedRound();
    await reveal();
    // Within the same turn, the first turn's boundaries agree: only the second turn is on the agenda.
    // Two people make the round's meeting at once: one does, and the agreed codings are written once.
    const racing = await Promise.all(
      (["owner", "coder"] as const).map((person) =>
        as(person).post<MeetingAnswer & { meeting: { agreedCount: number } }>("", {
          roundId,
          tolerance: "turn",
        }),
      ),
    );
    expect(racing.map((r) => r.status).sort()).toEqual([201, 409]);
    const made = racing.find((r) => r.status === 201) as (typeof racing)[number];
    const meeting = made.body.meeting;
    expect(meeting.agenda.map((i) => [i.start, i.end, i.reason])).toEqual([[40, 50, "presence"]]);
    expect(meeting.agreedCount).toBe(1);
    expect(t.server.services.meetings.get(t.project.id, meeting.id)?.agreed).toEqual([
      { transcriptId: t.transcript.id, codeId: trust, start: 0, end: 20 },
    ]);
    const text = indexTranscript(transcriptContent(await t.server.services.rooms.read(t.transcriptRoom)));
    expect(await storedCodings(t)).toEqual([
      { codeId: trust, decisionId: `agreed:${meeting.id}`, quote: [...text.text].slice(0, 20).join("") },
    ]);
    const figures = await as("observer").get<{ after: { coderId: string; krippendorffAlpha: number }[] }>(
      `/${meeting.id}/agreement?unit=turn`,
    );
    // Turns coded: the coder [1, 0], the colleague [1, 1], the agreed codings [1, 0].
    expect(figures.body.after.map((a) => a.krippendorffAlpha)).toEqual([
      1,
      krippendorffAlpha([
        [1, 1],
        [1, 0],
      ]),
    ]);
    const minutes = await fetch(
      `${t.server.url}/api/projects/${t.project.id}/meetings/${meeting.id}/minutes?format=md`,
      { headers: { authorization: `Bearer ${t.tokens.observer}` } },
    );
    const markdown = await minutes.text();
    expect(markdown).toContain(
      "1 passage every coder coded alike went into the shared codings when the meeting was made.",
    );
    expect(markdown).toContain(`Project ${t.project.name}. Held`);
    expect(markdown).toMatch(
      /Krippendorff's alpha at the turn unit: -?\d\.\d{3} among the coders before the meeting; each coder with what was decided: .+ 1\.000, .+ -?\d\.\d{3}\./,
    );
  });

  it("take the rationale the meeting typed in its room, keep it as recorded whatever is typed after, and quote the passage", async () => {
    const { as, roundId, reveal, t } = await revealedRound();
    await reveal();
    const meeting = (await as("owner").post<MeetingAnswer>("", { roundId, tolerance: 3 })).body.meeting;
    const item = meeting.agenda[0]?.id as string;
    const room = `meeting.${t.project.id}.${meeting.id}`;
    const typeInRoom = (words: string) =>
      t.server.services.rooms.change(room, (doc) => {
        const text = doc.getMap("rationale").get(item) as Y.Text;
        text.delete(0, text.length);
        text.insert(0, words);
      });
    await typeInRoom("As typed together.");
    const decided = await as("owner").post<{ decision: { rationale: string } }>(
      `/${meeting.id}/items/${encodeURIComponent(item)}/decisions`,
      { basedOn: 0, outcome: { kind: "union" }, rationale: "What one page sent." },
    );
    expect(decided.body.decision.rationale).toBe("As typed together.");
    await typeInRoom("As typed together, and the reasons added after deciding.");
    const minutes = await fetch(
      `${t.server.url}/api/projects/${t.project.id}/meetings/${meeting.id}/minutes?format=md`,
      { headers: { authorization: `Bearer ${t.tokens.observer}` } },
    );
    const markdown = await minutes.text();
    // Anyone in the room may type on; the minutes keep what the decision recorded, in its decider's name.
    expect(markdown).toContain("> As typed together.");
    expect(markdown).not.toContain("added after deciding");
    const text = indexTranscript(transcriptContent(await t.server.services.rooms.read(t.transcriptRoom)));
    expect(markdown).toContain(`- Passage: “${[...text.text].slice(0, 20).join("").trim()}”`);
  });

  it("refuse a decision by someone who does not facilitate, on an item that does not exist, or with a rationale too long", async () => {
    const { as, roundId, reveal, t } = await revealedRound();
    await reveal();
    const meeting = (await as("owner").post<MeetingAnswer>("", { roundId })).body.meeting;
    const item = encodeURIComponent(meeting.agenda[0]?.id as string);
    const decide = (person: keyof Team["tokens"], itemId: string, body: Record<string, unknown>) =>
      as(person).post<{ message: string }>(`/${meeting.id}/items/${itemId}/decisions`, {
        basedOn: 0,
        outcome: { kind: "union" },
        rationale: "ok",
        ...body,
      });
    expect((await decide("coder", item, {})).body.message).toBe(
      "Only the meeting's facilitator decides its items.",
    );
    expect((await decide("observer", item, {})).status).toBe(403);
    expect((await decide("owner", "nope", {})).body.message).toBe(
      "That item is not on this meeting's agenda.",
    );
    const long = await decide("owner", item, { rationale: "x".repeat(20_001) });
    expect([long.status, long.body.message]).toEqual([413, "A rationale holds at most 20,000 characters."]);
    const stranger = await decide("owner", item, { outcome: { kind: "keep", coderId: t.ids.observer } });
    expect(stranger.body.message).toBe("That coder is not one of the coders compared here.");
    const inherited = await decide("owner", item, { outcome: { kind: "keep", coderId: "constructor" } });
    expect([inherited.status, inherited.body.message]).toEqual([
      400,
      "That coder is not one of the coders compared here.",
    ]);
    const madeUp = await decide("owner", item, { outcome: { kind: "code", codeId: "doesNotExist" } });
    expect(madeUp.body.message).toBe(
      "Choose a code of the codebook that is in use (not archived, not merged).",
    );
    const ahead = await decide("owner", item, { basedOn: 99 });
    expect(ahead.body.message).toBe("This item stands at version 0: decide it from there.");
    expect(await storedCodings(t)).toEqual([]);
    expect((await as("owner").get<MeetingAnswer>(`/${meeting.id}`)).body.log).toEqual([]);
    // An item whose transcript was deleted since the meeting began is refused in words.
    await createApiClient(t.server.url).request(
      "DELETE",
      `/api/projects/${t.project.id}/transcripts/${t.transcript.id}`,
      {
        token: t.tokens.owner,
      },
    );
    const gone = await decide("owner", item, {});
    expect([gone.status, gone.body.message]).toEqual([
      404,
      "This item's transcript has been deleted: there is nothing to decide on.",
    ]);
  });

  it("put threads marked for the meeting on the agenda, and resolve one when it is decided", async () => {
    const { as, api, roundId, reveal, t } = await revealedRound();
    await reveal();
    const text = await t.server.services.rooms.read(t.transcriptRoom);
    const discussions = `/api/projects/${t.project.id}/discussions/${t.transcript.id}/threads`;
    const thread = await api.request<{ thread: { id: string } }>("POST", discussions, {
      token: t.tokens.observer,
      body: {
        target: { kind: "passage", anchor: createAnchor(indexTranscript(transcriptContent(text)), 0, 12) },
        body: "Is this trust, or habit?",
      },
    });
    const marked = await api.request("PUT", `${discussions}/${thread.body.thread.id}/meeting`, {
      token: t.tokens.observer,
      body: { forMeeting: true },
    });
    expect(marked.status).toBe(200);
    const meeting = (await as("owner").post<MeetingAnswer>("", { roundId })).body.meeting;
    const item = meeting.agenda.find((i) => i.id === `thread:${thread.body.thread.id}`);
    expect(item).toBeDefined();
    const decided = await as("owner").post(
      `/${meeting.id}/items/${encodeURIComponent(item?.id ?? "")}/decisions`,
      {
        basedOn: 0,
        outcome: { kind: "none" },
        rationale: "Habit, we agreed.",
      },
    );
    expect(decided.status).toBe(201);
    const doc = await t.server.services.rooms.read(`discussion.${t.project.id}.${t.transcript.id}`);
    const after = readThread(discussionThreads(doc).get(thread.body.thread.id) as Y.Map<unknown>);
    expect(after.resolved).toBe(true);
    expect(after.comments.at(-1)?.body).toMatch(
      /^Decided in the meeting “Meeting on Pilot” \(decision .+, version 1\): Habit, we agreed\.$/,
    );
  });

  it("keep decided codings from any client's removal: they change only by reopening the decision", async () => {
    const { as, roundId, reveal, t } = await revealedRound();
    await reveal();
    const meeting = (await as("owner").post<MeetingAnswer>("", { roundId })).body.meeting;
    const item = encodeURIComponent(meeting.agenda[0]?.id as string);
    const decided = await as("owner").post<{ codingIds: string[] }>(
      `/${meeting.id}/items/${item}/decisions`,
      {
        basedOn: 0,
        outcome: { kind: "union" },
        rationale: "Both readings hold.",
      },
    );
    const owner = await t.join("owner", t.transcriptRoom, new Y.Doc());
    removeCoding(owner.doc, decided.body.codingIds[0] as string);
    await eventually(() => expect(owner.closeCodes).toContain(CloseCode.refused));
    expect(await storedCodings(t)).toHaveLength(1);
    owner.destroy();
  });
});

interface HistoryAnswer {
  changes: {
    kind: string;
    note: string;
    actorId: string | null;
    fields: Record<string, { before: unknown; after: unknown }>;
    cause: { meetingId: string; itemId: string; decisionId: string | null } | null;
  }[];
}

describe("a meeting's changes to the codebook", () => {
  it("refine a code's definition on an item, linked to the item's decision, in the code's history", async () => {
    const { as, api, roundId, reveal, t, trust } = await revealedRound();
    await reveal();
    const meeting = (await as("owner").post<MeetingAnswer>("", { roundId })).body.meeting;
    const item = encodeURIComponent(meeting.agenda[0]?.id as string);
    const decided = await as("owner").post<{ decision: { id: string } }>(
      `/${meeting.id}/items/${item}/decisions`,
      {
        basedOn: 0,
        outcome: { kind: "union" },
        rationale: "Both readings are trust.",
      },
    );
    const refined = await as("owner").post<HistoryAnswer>(`/${meeting.id}/items/${item}/codebook`, {
      change: { kind: "refine", codeId: trust, description: "Trust between partners, said or shown." },
    });
    expect(refined.status).toBe(201);
    const history = await api.request<HistoryAnswer>(
      "GET",
      `/api/projects/${t.project.id}/codes/${trust}/history`,
      { token: t.tokens.observer },
    );
    expect(history.body.changes.map((c) => [c.kind, c.actorId, c.fields.description, c.cause])).toEqual([
      [
        "edit",
        t.ids.owner,
        { before: "", after: "Trust between partners, said or shown." },
        { meetingId: meeting.id, itemId: meeting.agenda[0]?.id, decisionId: decided.body.decision.id },
      ],
    ]);
    const minutes = await api.request<{ text: string }>(
      "GET",
      `/api/projects/${t.project.id}/meetings/${meeting.id}/minutes`,
      {
        token: t.tokens.observer,
      },
    );
    expect(minutes.body.text).toContain(
      "Codebook: “Trust” refined (definition: (none) → “Trust between partners, said or shown.”)",
    );
  });

  it("split a code into new ones beside it, and merge two, each listed in the codes' histories", async () => {
    const { as, api, roundId, reveal, t, trust } = await revealedRound();
    await reveal();
    const meeting = (await as("owner").post<MeetingAnswer>("", { roundId })).body.meeting;
    const item = encodeURIComponent(meeting.agenda[0]?.id as string);
    const split = await as("owner").post<HistoryAnswer>(`/${meeting.id}/items/${item}/codebook`, {
      change: {
        kind: "split",
        codeId: trust,
        into: [
          { name: "Trust in partners", description: "Said of partner bodies." },
          { name: "Trust in data" },
        ],
        archiveOriginal: true,
      },
    });
    expect(split.status).toBe(201);
    expect(split.body.changes.map((c) => [c.kind, c.note])).toEqual([
      ["split", "split into “Trust in partners”, “Trust in data”"],
      ["split", "split from “Trust”"],
      ["split", "split from “Trust”"],
    ]);
    const codes = listCodes(await t.server.services.rooms.read(t.projectRoom));
    const partners = codes.find((c) => c.name === "Trust in partners");
    const data = codes.find((c) => c.name === "Trust in data");
    expect(partners?.description).toBe("Said of partner bodies.");
    expect(codes.find((c) => c.id === trust)?.archived).toBe(true);
    const merged = await as("owner").post<HistoryAnswer>(`/${meeting.id}/items/${item}/codebook`, {
      change: { kind: "merge", codeId: data?.id, intoId: partners?.id },
    });
    expect(merged.status).toBe(201);
    const history = await api.request<HistoryAnswer>(
      "GET",
      `/api/projects/${t.project.id}/codes/${data?.id}/history`,
      { token: t.tokens.coder },
    );
    expect(history.body.changes.map((c) => [c.kind, c.note, c.fields.mergedInto?.after ?? null])).toEqual([
      ["split", "split from “Trust”", null],
      ["merge", 'merged into "Trust in partners"', partners?.id],
    ]);
    // Made before the item was decided, the changes are linked to its decision once it is made.
    expect(history.body.changes.map((c) => c.cause?.decisionId)).toEqual([null, null]);
    const decided = await as("owner").post<{ decision: { id: string } }>(
      `/${meeting.id}/items/${item}/decisions`,
      { basedOn: 0, outcome: { kind: "union" }, rationale: "" },
    );
    const linked = await api.request<HistoryAnswer>(
      "GET",
      `/api/projects/${t.project.id}/codes/${data?.id}/history`,
      { token: t.tokens.coder },
    );
    expect(linked.body.changes.map((c) => c.cause?.decisionId)).toEqual([
      decided.body.decision.id,
      decided.body.decision.id,
    ]);
  });

  it("refuse a change that does not fit the codebook, writing nothing, and a coder's when the codebook is locked", async () => {
    const { as, api, roundId, reveal, t, trust } = await revealedRound();
    await reveal();
    const meeting = (await as("owner").post<MeetingAnswer>("", { roundId })).body.meeting;
    const item = encodeURIComponent(meeting.agenda[0]?.id as string);
    const path = `/${meeting.id}/items/${item}/codebook`;
    const before = listCodes(await t.server.services.rooms.read(t.projectRoom));
    const clash = await as("owner").post<{ message: string }>(path, {
      change: { kind: "split", codeId: trust, into: [{ name: "Trust in data" }, { name: "trust  IN data" }] },
    });
    expect([clash.status, clash.body.message]).toEqual([400, 'There is a code "trust  IN data" already.']);
    const unknown = await as("owner").post<{ message: string }>(path, {
      change: { kind: "merge", codeId: trust, intoId: "noSuchCode0000" },
    });
    expect([unknown.status, unknown.body.message]).toEqual([
      400,
      "The code to merge into is not a code of this codebook (or it was merged).",
    ]);
    const gone = await as("owner").post(`/${meeting.id}/items/nope/codebook`, {
      change: { kind: "refine", codeId: trust, description: "x" },
    });
    expect(gone.status).toBe(404);
    expect(listCodes(await t.server.services.rooms.read(t.projectRoom))).toEqual(before);
    expect(
      (
        await api.request<HistoryAnswer>("GET", `/api/projects/${t.project.id}/codes/${trust}/history`, {
          token: t.tokens.owner,
        })
      ).body.changes,
    ).toEqual([]);
    await api.request("PATCH", `/api/projects/${t.project.id}/meetings/${meeting.id}`, {
      token: t.tokens.owner,
      body: { attendeesDecide: true },
    });
    t.server.services.projects.update(t.project.id, { codebookLocked: true });
    const coderThere = await t.join("coder", `meeting.${t.project.id}.${meeting.id}`, new Y.Doc());
    const locked = await as("coder").post<{ message: string }>(path, {
      change: { kind: "refine", codeId: trust, description: "x" },
    });
    expect([locked.status, locked.body.message]).toEqual([
      403,
      "The codebook is locked: only owners change it.",
    ]);
    coderThere.destroy();
  });
});

describe("a meeting's codebook changes keep to the codebook's rules", () => {
  it("refuse a merge into the code's own child, a merge past eight levels, a merge into an archived code, a split past 1,000 codes and a refine that changes nothing", async () => {
    const { as, roundId, reveal, t, trust } = await revealedRound();
    await reveal();
    const meeting = (await as("owner").post<MeetingAnswer>("", { roundId })).body.meeting;
    const item = encodeURIComponent(meeting.agenda[0]?.id as string);
    const change = (body: unknown) =>
      as("owner").post<{ message: string }>(`/${meeting.id}/items/${item}/codebook`, { change: body });
    const ids = await t.server.services.rooms.change(t.projectRoom, (doc) => {
      const child = createCode(doc, { name: "Child", parentId: trust }, t.ids.owner);
      const chain = [createCode(doc, { name: "Level 1" }, t.ids.owner)];
      for (let level = 2; level <= 8; level++)
        chain.push(
          createCode(doc, { name: `Level ${level}`, parentId: chain.at(-1) as string }, t.ids.owner),
        );
      const old = createCode(doc, { name: "Old" }, t.ids.owner);
      updateCode(doc, old, { archived: true }, t.ids.owner);
      return { child, deepest: chain.at(-1) as string, old };
    });
    const before = listCodes(await t.server.services.rooms.read(t.projectRoom));
    expect(await change({ kind: "merge", codeId: trust, intoId: ids.child })).toMatchObject({
      status: 400,
      body: { message: "That would break the codebook: a code cannot sit inside itself, through others." },
    });
    // Trust's child would sit nine levels deep under the chain's last code.
    expect(await change({ kind: "merge", codeId: trust, intoId: ids.deepest })).toMatchObject({
      status: 400,
      body: { message: "That would break the codebook: codes nest at most 8 levels deep." },
    });
    expect(await change({ kind: "merge", codeId: trust, intoId: ids.old })).toMatchObject({
      status: 400,
      body: { message: "“Old” is archived: its codings would count towards a code nobody sees." },
    });
    expect(await change({ kind: "refine", codeId: trust, description: "" })).toMatchObject({
      status: 400,
      body: { message: "Say what to change: the refined fields are as they were." },
    });
    await t.server.services.rooms.change(t.projectRoom, (doc) => {
      for (let i = listCodes(doc).length; i < 999; i++) createCode(doc, { name: `Filler ${i}` }, t.ids.owner);
    });
    expect(
      await change({
        kind: "split",
        codeId: trust,
        into: [{ name: "Trust in partners" }, { name: "Trust in data" }],
      }),
    ).toMatchObject({
      status: 400,
      body: { message: "That would break the codebook: a codebook holds at most 1,000 codes." },
    });
    expect(
      listCodes(await t.server.services.rooms.read(t.projectRoom)).filter((c) =>
        before.some((b) => b.id === c.id),
      ),
    ).toEqual(before);
  });

  it("write a history entry for every code a merge moves, and clean what people type", async () => {
    const { as, api, roundId, reveal, t, trust } = await revealedRound();
    await reveal();
    const meeting = (await as("owner").post<MeetingAnswer>("", { roundId })).body.meeting;
    const item = encodeURIComponent(meeting.agenda[0]?.id as string);
    const { child, voice } = await t.server.services.rooms.change(t.projectRoom, (doc) => ({
      child: createCode(doc, { name: "Child", parentId: trust }, t.ids.owner),
      voice: createCode(doc, { name: "Voice" }, t.ids.owner),
    }));
    const split = await as("owner").post<HistoryAnswer>(`/${meeting.id}/items/${item}/codebook`, {
      change: {
        kind: "split",
        codeId: voice,
        into: [{ name: "Voice\u200b\u202e one\n" }, { name: "Voice two" }],
      },
    });
    expect(split.status).toBe(201);
    expect(split.body.changes[1]?.fields.name?.after).toBe("Voice one");
    await as("owner").post(`/${meeting.id}/items/${item}/codebook`, {
      change: { kind: "merge", codeId: trust, intoId: voice },
    });
    const history = await api.request<HistoryAnswer>(
      "GET",
      `/api/projects/${t.project.id}/codes/${child}/history`,
      {
        token: t.tokens.owner,
      },
    );
    expect(history.body.changes.map((c) => [c.note, c.fields.parentId])).toEqual([
      ['moved into "Voice" when "Trust" was merged into it', { before: trust, after: voice }],
    ]);
    const unknown = await api.request("GET", `/api/projects/${t.project.id}/codes/noSuchCode000000/history`, {
      token: t.tokens.owner,
    });
    expect(unknown.status).toBe(404);
  });
});

describe("a code's history from the live codebook", () => {
  it("lists what a member's stock client changed, in their name as the server saw it", async () => {
    team = await startTeam();
    const t = team;
    const api = createApiClient(t.server.url);
    const coder = await t.join("coder", t.projectRoom, new Y.Doc());
    const id = createCode(coder.doc, { name: "Voice" }, t.ids.coder);
    updateCode(coder.doc, id, { description: "Who speaks for whom." }, t.ids.coder);
    await eventually(async () => {
      const history = await api.request<HistoryAnswer>(
        "GET",
        `/api/projects/${t.project.id}/codes/${id}/history`,
        {
          token: t.tokens.observer,
        },
      );
      expect(
        history.body.changes.map((c) => [
          c.kind,
          c.actorId,
          c.fields.name?.after,
          c.fields.description?.after,
        ]),
      ).toEqual([
        ["create", t.ids.coder, "Voice", ""],
        ["edit", t.ids.coder, undefined, "Who speaks for whom."],
      ]);
    });
    coder.destroy();
  });
});

describe("a meeting's attendance", () => {
  it("is who opened its room, and a decision names who was present then", async () => {
    const { as, api, roundId, reveal, t } = await revealedRound();
    await reveal();
    const meeting = (await as("owner").post<MeetingAnswer>("", { roundId })).body.meeting;
    const room = `meeting.${t.project.id}.${meeting.id}`;
    const observer = await t.join("observer", room, new Y.Doc());
    const colleague = await t.join("colleague", room, new Y.Doc());
    const item = encodeURIComponent(meeting.agenda[0]?.id as string);
    const decided = await as("owner").post<{ decision: { attendees: string[] } }>(
      `/${meeting.id}/items/${item}/decisions`,
      { basedOn: 0, outcome: { kind: "none" }, rationale: "" },
    );
    // The owner decided without the meeting open: named as the decider, not as present.
    expect([...decided.body.decision.attendees].sort()).toEqual([t.ids.observer, t.ids.colleague].sort());
    observer.destroy();
    colleague.destroy();
    const answer = await as("coder").get<{ attendance: { userId: string }[] }>(`/${meeting.id}`);
    expect(answer.body.attendance.map((a) => a.userId).sort()).toEqual(
      [t.ids.observer, t.ids.colleague].sort(),
    );
    const minutes = (
      await api.request<{ text: string }>(
        "GET",
        `/api/projects/${t.project.id}/meetings/${meeting.id}/minutes`,
        {
          token: t.tokens.owner,
        },
      )
    ).body.text;
    expect(minutes).toMatch(
      /## Attendance\n\n- observer, observer \(joined \d\d:\d\d, last joined \d\d:\d\d UTC\)\n- colleague \(joined/,
    );
  });
});

describe("a meeting on the shared codings of live coding", () => {
  it("puts where coders differ on the agenda, and a decision takes the place of the versions it settles", async () => {
    team = await startTeam();
    const t = team;
    const api = createApiClient(t.server.url);
    const trust = await t.server.services.rooms.change(t.projectRoom, (doc) =>
      createCode(doc, { name: "Trust" }, t.ids.owner),
    );
    const text = await t.server.services.rooms.read(t.transcriptRoom);
    const coder = await t.join("coder", t.transcriptRoom, new Y.Doc());
    const colleague = await t.join("colleague", t.transcriptRoom, new Y.Doc());
    applyCode(coder.doc, text, { start: 0, end: 10 }, trust, t.ids.coder);
    applyCode(colleague.doc, text, { start: 0, end: 20 }, trust, t.ids.colleague);
    applyCode(colleague.doc, text, { start: 40, end: 50 }, trust, t.ids.colleague);
    await eventually(async () => expect(await storedCodings(t)).toHaveLength(3));
    coder.destroy();
    colleague.destroy();
    const meetings = `/api/projects/${t.project.id}/meetings`;
    const post = <T>(body: unknown, person: keyof Team["tokens"] = "owner", path = "") =>
      api.request<T>("POST", `${meetings}${path}`, { token: t.tokens[person], body });
    const shared = { transcriptIds: [t.transcript.id], coderIds: [t.ids.coder, t.ids.colleague] };

    expect(
      (await post<{ message: string }>({ shared: { ...shared, coderIds: [t.ids.coder] } })).body.message,
    ).toBe("Choose at least two coders whose codings to compare.");
    expect(
      (await post<{ message: string }>({ shared: { ...shared, coderIds: [t.ids.coder, t.ids.observer] } }))
        .body.message,
    ).toBe("Choose coders and owners of this project: observers do not code.");
    expect((await post<{ message: string }>({ shared, roundId: "aRoundIdHere000" })).status).toBe(400);
    expect((await post({ shared }, "observer")).status).toBe(403);
    // Its decisions take the place of coders' own codings: owners alone prepare one, even a coder compared.
    expect((await post<{ message: string }>({ shared }, "coder")).body.message).toBe(
      "Only owners prepare a meeting on shared codings: its decisions take the place of coders' own codings.",
    );

    const made = await post<MeetingAnswer>({ shared, tolerance: 3 });
    expect(made.status).toBe(201);
    // A second meeting on the same coders' codings of the transcript would decide them twice.
    expect((await post({ shared, tolerance: "turn" })).status).toBe(409);
    // Handed to a coder, the facilitation still cannot remove others' codings.
    await api.request("POST", `${meetings}/${made.body.meeting.id}/facilitator`, {
      token: t.tokens.owner,
      body: { userId: t.ids.coder },
    });
    const byCoder = await post<{ message: string }>(
      { basedOn: 0, outcome: { kind: "none" }, rationale: "" },
      "coder",
      `/${made.body.meeting.id}/items/${encodeURIComponent(made.body.meeting.agenda[0]?.id as string)}/decisions`,
    );
    expect([byCoder.status, byCoder.body.message]).toEqual([
      403,
      "On shared codings only owners decide: a decision takes the place of coders' own codings.",
    ]);
    await api.request("POST", `${meetings}/${made.body.meeting.id}/facilitator`, {
      token: t.tokens.coder,
      body: { userId: t.ids.owner },
    });
    const agenda = made.body.meeting.agenda;
    expect(agenda.map((i) => [i.start, i.end, i.reason])).toEqual([
      [0, 20, "boundaries"],
      [40, 50, "presence"],
    ]);
    const item = encodeURIComponent(agenda[0]?.id as string);
    const decided = await post<{ codingIds: string[] }>(
      { basedOn: 0, outcome: { kind: "union" }, rationale: "Both read trust." },
      "owner",
      `/${made.body.meeting.id}/items/${item}/decisions`,
    );
    expect(decided.status).toBe(201);
    const after = await storedCodings(t);
    // The decided union stands in for both versions; the colleague's other coding stays theirs.
    expect(after.filter((c) => c.decisionId)).toHaveLength(1);
    expect(after.filter((c) => !c.decisionId).map((c) => c.quote)).toHaveLength(1);
    const removals = t.server.services.codingRemovals.list(t.project.id, t.transcript.id);
    expect(removals.map((r) => [r.coderId, r.removedBy]).sort()).toEqual(
      [
        [t.ids.coder, t.ids.owner],
        [t.ids.colleague, t.ids.owner],
      ].sort(),
    );
    // Reopened, the decision is replaced; the versions it settled stay settled.
    const reopened = await post<{ codingIds: string[] }>(
      { basedOn: 1, outcome: { kind: "keep", coderId: t.ids.coder }, rationale: "The narrower reading." },
      "owner",
      `/${made.body.meeting.id}/items/${item}/decisions`,
    );
    expect(reopened.status).toBe(201);
    expect((await storedCodings(t)).filter((c) => c.decisionId)).toHaveLength(1);
    const agreement = await api.request<{ message: string }>(
      "GET",
      `${meetings}/${made.body.meeting.id}/agreement`,
      { token: t.tokens.owner },
    );
    expect(agreement.status).toBe(404);
  });
});
