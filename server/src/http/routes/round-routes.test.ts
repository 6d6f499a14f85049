import { krippendorffAlpha } from "@concord/agreement";
import { applyCode, createAnchor, indexTranscript } from "@concord/anchoring";
import { discussionThreads } from "@concord/discussion";
import { createCode, transcriptContent } from "@concord/schema";
import { CloseCode, documentFromStorage } from "@concord/sync";
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createSqliteDocumentStorage } from "../../db/sqlite-document-storage";
import { connectStockClient, createApiClient, eventually, startTeam } from "../../testing";

type Team = Awaited<ReturnType<typeof startTeam>>;
let team: Team | null = null;

afterEach(async () => {
  await team?.server.dispose();
  team = null;
});

/** A team whose owner started a round of the transcript for the coder and the colleague. */
async function teamWithRound(options: { monitor?: boolean; codeIds?: string[] } = {}) {
  team = await startTeam();
  const t = team;
  const api = createApiClient(t.server.url);
  const created = await api.request<{ round: { id: string; status: string } }>(
    "POST",
    `/api/projects/${t.project.id}/rounds`,
    {
      token: t.tokens.owner,
      body: {
        name: "Pilot round",
        transcriptIds: [t.transcript.id],
        coderIds: [t.ids.coder, t.ids.colleague],
        monitor: options.monitor ?? false,
        ...(options.codeIds ? { codeIds: options.codeIds } : {}),
      },
    },
  );
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const round = created.body.round;
  const layerOf = (person: "coder" | "colleague") =>
    `layer.${t.project.id}.${t.transcript.id}.${round.id}.${t.ids[person]}`;
  const as = (person: keyof Team["tokens"]) => ({
    get: <T = Record<string, unknown>>(path: string) =>
      api.request<T>("GET", `/api/projects/${t.project.id}/rounds/${round.id}${path}`, {
        token: t.tokens[person],
      }),
    post: <T = Record<string, unknown>>(path: string) =>
      api.request<T>("POST", `/api/projects/${t.project.id}/rounds/${round.id}${path}`, {
        token: t.tokens[person],
      }),
  });
  const text = await t.server.services.rooms.read(t.transcriptRoom);
  return { t, api, round, layerOf, as, text };
}

describe("coding rounds over the API and the stock client", () => {
  it("refuse a round naming another project's transcript or coder, an observer, or one coder", async () => {
    team = await startTeam();
    const t = team;
    const api = createApiClient(t.server.url);
    const other = t.server.services.projects.create("Another study", t.ids.owner);
    const foreign = t.server.services.transcripts.create({
      projectId: other.id,
      name: "Elsewhere",
      sourceFormat: "text",
      blocks: [{ kind: "turn", speaker: "A", text: "Not this project's." }],
      speakers: ["A"],
      turns: 1,
      words: 3,
      createdBy: t.ids.owner,
    });
    const stranger = t.server.services.users.create({ email: "x@example.org", name: "X", passwordHash: "!" });
    const attempt = (body: Record<string, unknown>) =>
      api.request<{ message: string }>("POST", `/api/projects/${t.project.id}/rounds`, {
        token: t.tokens.owner,
        body: {
          name: "R",
          transcriptIds: [t.transcript.id],
          coderIds: [t.ids.coder, t.ids.colleague],
          ...body,
        },
      });
    const cases: [Record<string, unknown>, string][] = [
      [{ transcriptIds: [foreign.id] }, `This project has no transcript ${foreign.id}.`],
      [{ coderIds: [t.ids.coder, stranger.id] }, `${stranger.id} is not a member of this project.`],
      [
        { coderIds: [t.ids.coder, t.ids.observer] },
        `${t.ids.observer} is an observer here: observers do not code.`,
      ],
      [{ coderIds: [t.ids.coder] }, "Choose at least two coders: a round compares coders."],
      [{ coderIds: [t.ids.coder, t.ids.coder] }, "A coder is named twice."],
      [{ codeIds: ["nope"] }, "The codebook has no code nope in use."],
      [{ codeIds: [] }, "Choose at least one code, or leave the codes out for all of them."],
      [{ name: "  " }, "Give the round a name of 1 to 200 characters."],
      [{ transcriptIds: "all" }, "transcriptIds: Invalid input: expected array, received string"],
    ];
    for (const [body, message] of cases) {
      const response = await attempt(body);
      expect(response.status, message).toBe(400);
      expect(response.body.message).toBe(message);
    }
    expect(t.server.services.rounds.list(t.project.id)).toEqual([]);
  });

  it("keep each coder's layer to them until reveal, then show every layer to every member", async () => {
    const { t, round, layerOf, as, text } = await teamWithRound();
    const trust = await t.server.services.rooms.change(t.projectRoom, (doc) =>
      createCode(doc, { name: "Trust" }, t.ids.owner),
    );
    const coder = await t.join("coder", layerOf("coder"));
    const colleague = await t.join("colleague", layerOf("colleague"));
    applyCode(coder.doc, text, { start: 0, end: 10 }, trust, t.ids.coder);
    applyCode(colleague.doc, text, { start: 40, end: 50 }, trust, t.ids.colleague);
    const storage = createSqliteDocumentStorage(t.server.db);
    await eventually(async () => expect((await storage.load(layerOf("colleague"))).updates.length).toBe(1));

    // Before reveal: the coder reads only their own layer; nobody reads agreement; a colleague's layer refuses.
    const mine = await as("coder").get<{ layers: { coderId: string }[] }>("/layers");
    expect(mine.body.layers.map((l) => l.coderId)).toEqual([t.ids.coder]);
    for (const person of ["owner", "coder", "colleague", "observer"] as const) {
      expect((await as(person).get("/agreement")).status, person).toBe(403);
    }
    expect((await as("observer").get("/layers")).status).toBe(403);
    expect((await as("owner").get("/layers")).status).toBe(403);
    const peek = connectStockClient(t.server.wsUrl, layerOf("colleague"), {
      params: { token: t.tokens.coder },
    });
    expect(
      await new Promise<{ code: number }>((resolve) => peek.provider.on("closed", resolve)),
    ).toMatchObject({
      code: CloseCode.forbidden,
    });
    expect(peek.doc.getMap("codings").size).toBe(0);
    peek.destroy();

    expect((await as("owner").post("/reveal")).status).toBe(409);
    expect((await as("owner").post("/close")).status).toBe(200);
    // Closed: the coder's socket now only reads; a write is refused and stored nowhere.
    applyCode(coder.doc, text, { start: 20, end: 30 }, trust, t.ids.coder);
    await eventually(() => expect(coder.closeCodes).toContain(CloseCode.refused));
    expect((await storage.load(layerOf("coder"))).updates).toHaveLength(1);

    const revealed = await as("owner").post<{ round: { status: string } }>("/reveal");
    expect(revealed.body.round.status).toBe("revealed");
    expect((await as("owner").post("/open")).status).toBe(409);
    const observer = await t.join("observer", layerOf("colleague"));
    expect(observer.doc.getMap("codings").size).toBe(1);
    const all = await as("observer").get<{ layers: { coderId: string; codings: { start: number }[] }[] }>(
      "/layers",
    );
    expect(all.body.layers.map((l) => [l.coderId, l.codings.map((c) => c.start)])).toEqual([
      [t.ids.coder, [0]],
      [t.ids.colleague, [40]],
    ]);
    // Two turns; the coder coded the first, the colleague the second.
    const agreement = await as("observer").get<{
      unit: string;
      byCode: { codeId: string; krippendorffAlpha: number | null; percent: number }[];
    }>("/agreement?unit=turn");
    const expected = krippendorffAlpha([
      [1, 0],
      [0, 1],
    ]);
    expect(agreement.body.unit).toBe("turn");
    expect(agreement.body.byCode).toMatchObject([{ codeId: trust, krippendorffAlpha: expected, percent: 0 }]);
    expect((await as("observer").get("/agreement?unit=word")).status).toBe(400);
    for (const client of [coder, colleague, observer]) client.destroy();
    expect(round.status).toBe("open");
  });

  it("keep a blind coder's comments on the round's transcript in their own layer until reveal", async () => {
    const { t, api, as, text, layerOf } = await teamWithRound();
    const index = indexTranscript(transcriptContent(text));
    const discussions = `/api/projects/${t.project.id}/discussions`;
    const threadBy = (
      person: "coder" | "owner" | "observer",
      body = "Is this trust?",
      mentions: string[] = [],
    ) =>
      api.request<{ thread: { id: string } }>("POST", `${discussions}/${t.transcript.id}/threads`, {
        token: t.tokens[person],
        body: {
          target: { kind: "passage", anchor: createAnchor(index, 0, 10) },
          body,
          mentions,
        },
      });
    const blind = await threadBy("coder", "Private: is this trust? @colleague", [t.ids.colleague]);
    expect(blind.status).toBe(201);
    expect((await threadBy("observer")).status).toBe(201);
    const shared = await t.server.services.rooms.read(`discussion.${t.project.id}.${t.transcript.id}`);
    const layer = await t.server.services.rooms.read(layerOf("coder"));
    expect(discussionThreads(shared).has(blind.body.thread.id)).toBe(false);
    expect(discussionThreads(layer).has(blind.body.thread.id)).toBe(true);
    // Nobody else hears of it: not the project's list of open threads, not the colleague's inbox.
    const listed = await api.request<{ threads: { thread: { id: string } }[] }>(
      "GET",
      `${discussions}/threads`,
      {
        token: t.tokens.owner,
      },
    );
    expect(listed.body.threads.map((x) => x.thread.id)).not.toContain(blind.body.thread.id);
    const inbox = await api.request<{ notifications: unknown[] }>("GET", "/api/inbox", {
      token: t.tokens.colleague,
    });
    expect(JSON.stringify(inbox.body.notifications)).toBe("[]");
    // The coder replies in their own thread; a client of theirs cannot write threads into the layer itself.
    const reply = await api.request(
      "POST",
      `${discussions}/${t.transcript.id}/threads/${blind.body.thread.id}/comments`,
      {
        token: t.tokens.coder,
        body: { body: "Yes, I think so." },
      },
    );
    expect(reply.status).toBe(201);
    await as("owner").post("/close");
    await as("owner").post("/reveal");
    const after = await threadBy("coder", "Now for everyone");
    const sharedAfter = await t.server.services.rooms.read(`discussion.${t.project.id}.${t.transcript.id}`);
    expect(discussionThreads(sharedAfter).has(after.body.thread.id)).toBe(true);
  });

  it("refuse a blind coder's codings in the transcript's shared codings until reveal", async () => {
    const { t, as, text } = await teamWithRound();
    const shared = await t.join("coder");
    applyCode(shared.doc, text, { start: 0, end: 10 }, "trust", t.ids.coder);
    await eventually(() => expect(shared.closeCodes).toContain(CloseCode.refused));
    const storage = createSqliteDocumentStorage(t.server.db);
    const codingsStored = async () =>
      documentFromStorage(await storage.load(t.transcriptRoom)).getMap("codings").size;
    expect(await codingsStored()).toBe(0);
    shared.destroy();
    await as("owner").post("/close");
    await as("owner").post("/reveal");
    const after = await t.join("coder", t.transcriptRoom, new Y.Doc());
    applyCode(after.doc, text, { start: 0, end: 10 }, "trust", t.ids.coder);
    await eventually(async () => expect(await codingsStored()).toBe(1));
    after.destroy();
  });

  it("compare only the codebook's codes, and quote the text a coding covers, not what its writer stored", async () => {
    const { t, layerOf, as, text } = await teamWithRound();
    const trust = await t.server.services.rooms.change(t.projectRoom, (doc) =>
      createCode(doc, { name: "Trust" }, t.ids.owner),
    );
    const coder = await t.join("coder", layerOf("coder"));
    const id = applyCode(coder.doc, text, { start: 0, end: 10 }, trust, t.ids.coder);
    applyCode(coder.doc, text, { start: 40, end: 50 }, "madeUpCode", t.ids.coder);
    const forged = JSON.parse(coder.doc.getMap("codings").get(id) as string);
    forged.anchor.quote.exact = "words nobody said";
    coder.doc.getMap("codings").set(id, JSON.stringify(forged));
    await eventually(async () =>
      expect((await t.server.services.documents.load(layerOf("coder"))).updates.length).toBe(3),
    );
    coder.destroy();
    await as("owner").post("/close");
    await as("owner").post("/reveal");
    const figures = await as("observer").get<{ byCode: { codeId: string }[] }>("/agreement");
    expect(figures.body.byCode.map((c) => c.codeId)).toEqual([trust]);
    const layers = await as("observer").get<{ layers: { codings: { codeId: string; quote: string }[] }[] }>(
      "/layers",
    );
    const mine = layers.body.layers[0]?.codings.find((c) => c.codeId === trust);
    expect(mine?.quote).toBe("How do you");
  });

  it("let owners read layers and agreement before reveal only when the round was made with monitor on", async () => {
    const { t, layerOf, as, text } = await teamWithRound({ monitor: true });
    const coder = await t.join("coder", layerOf("coder"));
    applyCode(coder.doc, text, { start: 0, end: 10 }, "trust", t.ids.coder);
    const owner = await t.join("owner", layerOf("coder"));
    await eventually(() => expect(owner.doc.getMap("codings").size).toBe(1));
    expect((await as("owner").get("/agreement")).status).toBe(200);
    expect((await as("colleague").get("/agreement")).status).toBe(403);
    coder.destroy();
    owner.destroy();
  });

  it("refuse a malformed coding, a coding in a colleague's name or of a code outside the round, and keep the room working", async () => {
    const { t, layerOf, text, trust } = await teamWithRoundOfOneCode();
    const storage = createSqliteDocumentStorage(t.server.db);
    const colleague = await t.join("colleague", layerOf("colleague"));
    for (const write of [
      (doc: Y.Doc) => doc.getMap("codings").set("x", "not json"),
      (doc: Y.Doc) => applyCode(doc, text, { start: 0, end: 5 }, trust, t.ids.colleague),
      (doc: Y.Doc) => applyCode(doc, text, { start: 0, end: 5 }, "power", t.ids.coder),
      (doc: Y.Doc) => doc.getXmlFragment("content").insert(0, [new Y.XmlText("forged text")]),
    ]) {
      const bad = await t.join("coder", layerOf("coder"));
      write(bad.doc);
      await eventually(() => expect(bad.closeCodes).toContain(CloseCode.refused));
      bad.destroy();
    }
    expect((await storage.load(layerOf("coder"))).updates).toHaveLength(0);
    // The colleague's room went on: their coding is stored and nothing of the bad writes reached them.
    applyCode(colleague.doc, text, { start: 0, end: 5 }, trust, t.ids.colleague);
    await eventually(async () => expect((await storage.load(layerOf("colleague"))).updates).toHaveLength(1));
    expect(colleague.closeCodes).toEqual([]);
    const good = await t.join("coder", layerOf("coder"), new Y.Doc());
    applyCode(good.doc, text, { start: 0, end: 5 }, trust, t.ids.coder);
    await eventually(async () => expect((await storage.load(layerOf("coder"))).updates).toHaveLength(1));
    good.destroy();
    colleague.destroy();
  });
});

/** A team whose round is about one code of the codebook, "Trust". */
async function teamWithRoundOfOneCode() {
  team = await startTeam();
  const t = team;
  const trust = await t.server.services.rooms.change(t.projectRoom, (doc) =>
    createCode(doc, { name: "Trust" }, t.ids.owner),
  );
  const api = createApiClient(t.server.url);
  const created = await api.request<{ round: { id: string } }>(
    "POST",
    `/api/projects/${t.project.id}/rounds`,
    {
      token: t.tokens.owner,
      body: {
        name: "Trust only",
        transcriptIds: [t.transcript.id],
        coderIds: [t.ids.coder, t.ids.colleague],
        codeIds: [trust],
      },
    },
  );
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const layerOf = (person: "coder" | "colleague") =>
    `layer.${t.project.id}.${t.transcript.id}.${created.body.round.id}.${t.ids[person]}`;
  return { t, layerOf, trust, text: await t.server.services.rooms.read(t.transcriptRoom) };
}
