import { applyCode } from "@concord/anchoring";
import { codingOf, transcriptContent } from "@concord/schema";
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  connectStockClient,
  createApiClient,
  createDataDir,
  eventually,
  startTestServer,
  type TestServer,
  whenSynced,
} from "../../testing";

let server: TestServer;
afterEach(async () => {
  await server.dispose();
});

/** A server with one project and its lead, who has an API token. */
async function leadOfProject(name: string, dataDir?: string) {
  server = await startTestServer(dataDir ? { dataDir } : {});
  const { services } = server;
  const user = services.users.create({ email: "lead@example.org", name: "Lead", passwordHash: "!" });
  const project = services.projects.create(name, user.id);
  const { token } = services.tokens.create(user.id, "t", Date.now() + 86_400_000);
  return { services, user, project, token };
}

describe("code counts across a project's transcripts", () => {
  it("count codings and transcripts per code, from loaded rooms and from storage alike", async () => {
    server = await startTestServer();
    const { services } = server;
    const user = services.users.create({ email: "lead@example.org", name: "Lead", passwordHash: "!" });
    const project = services.projects.create("Counts", user.id);
    const { token } = services.tokens.create(user.id, "t", Date.now() + 86_400_000);
    const transcriptIds = ["First interview", "Second interview"].map(
      (name) =>
        services.transcripts.create({
          projectId: project.id,
          name,
          sourceFormat: "text",
          blocks: [{ kind: "turn", speaker: "A", text: "Sustaining change needs funding and time." }],
          speakers: ["A"],
          turns: 1,
          words: 6,
          createdBy: user.id,
        }).id,
    );
    const clients = transcriptIds.map((id) =>
      connectStockClient(server.wsUrl, `transcript.${project.id}.${id}`, { params: { token } }),
    );
    await Promise.all(clients.map((c) => whenSynced(c)));
    const [first, second] = clients.map((c) => c.doc) as [Y.Doc, Y.Doc];
    applyCode(first, first, { start: 0, end: 10 }, "sustaining", user.id);
    applyCode(first, first, { start: 25, end: 32 }, "funding", user.id);
    applyCode(second, second, { start: 0, end: 10 }, "sustaining", user.id);
    const api = createApiClient(server.url);
    const expected = { sustaining: { codings: 2, transcripts: 2 }, funding: { codings: 1, transcripts: 1 } };
    await eventually(async () => {
      const response = await api.request("GET", `/api/projects/${project.id}/transcripts/code-counts`, {
        token,
      });
      expect(response.body).toEqual({ counts: expected });
    });
    // With the rooms unloaded the counts come from storage.
    for (const c of clients) c.destroy();
    await server.registry.close();
    const response = await api.request("GET", `/api/projects/${project.id}/transcripts/code-counts`, {
      token,
    });
    expect(response.body).toEqual({ counts: expected });
  });
});

describe("a transcript's whole document over HTTP", () => {
  it("is what the sync room holds, follows changes, and is for the project's members only", async () => {
    server = await startTestServer();
    const { services } = server;
    const lead = services.users.create({ email: "lead@example.org", name: "Lead", passwordHash: "!" });
    const stranger = services.users.create({ email: "x@example.org", name: "X", passwordHash: "!" });
    const project = services.projects.create("Whole", lead.id);
    const day = Date.now() + 86_400_000;
    const leadToken = services.tokens.create(lead.id, "t", day).token;
    const strangerToken = services.tokens.create(stranger.id, "t", day).token;
    const transcript = services.transcripts.create({
      projectId: project.id,
      name: "Chief Officer 1",
      sourceFormat: "text",
      blocks: [{ kind: "turn", speaker: "A", text: "Co-production needs time and trust." }],
      speakers: ["A"],
      turns: 1,
      words: 6,
      createdBy: lead.id,
    });
    const path = `${server.url}/api/projects/${project.id}/transcripts/${transcript.id}/document`;
    const fetchDocument = async (token: string | null) => {
      const response = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
      const doc = new Y.Doc();
      if (response.ok) Y.applyUpdate(doc, new Uint8Array(await response.arrayBuffer()));
      return { status: response.status, type: response.headers.get("content-type"), doc };
    };
    const client = connectStockClient(server.wsUrl, `transcript.${project.id}.${transcript.id}`, {
      params: { token: leadToken },
    });
    await whenSynced(client);
    const first = applyCode(client.doc, client.doc, { start: 0, end: 13 }, "understanding", lead.id);

    await eventually(async () => {
      const { status, type, doc } = await fetchDocument(leadToken);
      expect([status, type]).toEqual([200, "application/octet-stream"]);
      expect(transcriptContent(doc).toString()).toBe(transcriptContent(client.doc).toString());
      expect(codingOf(doc, first)).toEqual(codingOf(client.doc, first));
    });
    // A later change is in the next answer: the kept encoding is dropped when the document changes.
    const second = applyCode(client.doc, client.doc, { start: 20, end: 24 }, "sustaining", lead.id);
    await eventually(async () => {
      expect(codingOf((await fetchDocument(leadToken)).doc, second)?.codeId).toBe("sustaining");
    });

    expect((await fetchDocument(strangerToken)).status).toBe(403);
    expect((await fetchDocument(null)).status).toBe(401);
    const missing = await fetch(`${server.url}/api/projects/${project.id}/transcripts/nope/document`, {
      headers: { authorization: `Bearer ${leadToken}` },
    });
    expect(missing.status).toBe(404);
    client.destroy();
  });
});

describe("a project's transcripts as it changes", () => {
  async function lead() {
    const { services, user, project, token } = await leadOfProject("Archive");
    const transcript = services.transcripts.create({
      projectId: project.id,
      name: "Interview",
      sourceFormat: "text",
      blocks: [{ kind: "turn", speaker: "A", text: "Sustaining change needs funding." }],
      speakers: ["A"],
      turns: 1,
      words: 4,
      createdBy: user.id,
    });
    const call = (method: string, path: string, body?: unknown) =>
      fetch(`${server.url}/api/projects/${project.id}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: body === undefined ? null : JSON.stringify(body),
      });
    return { services, project, transcript, token, call };
  }

  it("refuse imports, renames and attribute changes once the project is archived", async () => {
    const { services, project, transcript, call } = await lead();
    services.projects.update(project.id, { archived: true });
    const imported = await call("POST", "/transcripts", {
      name: "Late",
      sourceFormat: "text",
      blocks: [{ kind: "turn", speaker: "A", text: "Too late." }],
    });
    expect(imported.status).toBe(403);
    expect(await imported.json()).toMatchObject({ message: expect.stringMatching(/archived/) });
    expect((await call("PATCH", `/transcripts/${transcript.id}`, { name: "Renamed" })).status).toBe(403);
    expect((await call("PATCH", `/transcripts/${transcript.id}`, { attributes: { role: "x" } })).status).toBe(
      403,
    );
    expect(services.transcripts.list(project.id).map((t) => t.name)).toEqual(["Interview"]);
  });

  it("close every room of a transcript when it is deleted, its discussion included", async () => {
    const { project, transcript, token, call } = await lead();
    const rooms = [`transcript.${project.id}.${transcript.id}`, `discussion.${project.id}.${transcript.id}`];
    const clients = rooms.map((room) => connectStockClient(server.wsUrl, room, { params: { token } }));
    await Promise.all(clients.map((client) => whenSynced(client)));
    expect((await call("DELETE", `/transcripts/${transcript.id}`)).status).toBe(200);
    await eventually(() => {
      for (const client of clients) expect(client.closeCodes).toContain(4404);
    });
    for (const client of clients) client.destroy();
  });
});

describe("importing a transcript through the API", () => {
  async function lead(dataDir?: string) {
    const { services, project, token } = await leadOfProject("Imports", dataDir);
    const post = (body: unknown, type = "application/json") =>
      fetch(`${server.url}/api/projects/${project.id}/transcripts`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": type },
        body: typeof body === "string" ? body : JSON.stringify(body),
      });
    return { services, project, token, post };
  }
  const turns = (count: number) =>
    Array.from({ length: count }, (_, i) => ({
      kind: "turn" as const,
      speaker: i % 2 ? "Chief Officer" : "Interviewer",
      text: `Turn ${i}. ${"Co-production means sharing power with people who use services. ".repeat(40)}`,
    }));

  it("stores a long transcript in slices, counts it from its text, and opens it whole", async () => {
    const { services, project, token, post } = await lead();
    const blocks = turns(300);
    const response = await post({
      name: "Long hearing",
      sourceFormat: "text",
      blocks,
      attributes: { site: "A" },
    });
    expect(response.status).toBe(201);
    const { transcript } = (await response.json()) as {
      transcript: { id: string; turns: number; words: number };
    };
    expect(transcript).toMatchObject({ turns: 300, speakers: ["Interviewer", "Chief Officer"] });
    const room = `transcript.${project.id}.${transcript.id}`;
    const rows = services.db
      .prepare("SELECT count(*) FROM document_updates WHERE room = ?")
      .pluck()
      .get(room);
    expect(rows).toBeGreaterThan(2);
    const client = connectStockClient(server.wsUrl, room, { params: { token } });
    await whenSynced(client);
    const content = transcriptContent(client.doc);
    expect(content.length).toBe(300);
    expect(content.get(299).toString()).toContain("Turn 299.");
    client.destroy();
  });

  it("refuses a body that is not an import with the field at fault, and one not sent as JSON", async () => {
    const { services, project, post } = await lead();
    const wrong = await post({
      name: "x",
      sourceFormat: "text",
      blocks: [{ kind: "turn", speaker: 1, text: "" }],
    });
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { message: string }).message).toMatch(/^blocks\.0\.speaker: /);
    expect((await post("{", "application/json")).status).toBe(400);
    const endless = await post({
      name: "x",
      sourceFormat: "text",
      blocks: [{ kind: "turn", speaker: "A", text: "a\n".repeat(6000) }],
    });
    expect(endless.status).toBe(400);
    expect(((await endless.json()) as { message: string }).message).toMatch(/more than 5,000 paragraphs/);
    expect((await post("name=x", "application/x-www-form-urlencoded")).status).toBe(415);
    expect(services.transcripts.list(project.id)).toEqual([]);
  });

  it("keeps controls, direction overrides and broken characters out of names, speakers and text", async () => {
    const { services, project, post } = await lead();
    const response = await post({
      name: "Chief\u0000 Officer \u202e6",
      sourceFormat: "text",
      blocks: [{ kind: "turn", speaker: "A\u0000\u0007\u202eB\ud800", text: "Bell\u0007 and\ttab\r\nnext" }],
      attributes: { "site\u202e": "Fife\u0000" },
    });
    expect(response.status).toBe(201);
    const [listed] = services.transcripts.list(project.id);
    expect(listed).toMatchObject({
      name: "Chief Officer 6",
      speakers: ["AB\ufffd"],
      attributes: { site: "Fife" },
    });
  });

  it("takes a few imports from one person at once, and queues only a few for preparing", async () => {
    const { services, post } = await lead();
    const leadId = services.users.list()[0]?.id as string;
    const body = { name: "Later", sourceFormat: "text", blocks: turns(1) };
    // Someone else's imports in flight do not hold this person up.
    const theirs = [services.importSlots.take("someone else"), services.importSlots.take("someone else")];
    expect((await post(body)).status).toBe(201);
    const mine = [services.importSlots.take(leadId), services.importSlots.take(leadId)];
    const refused = await post(body);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("30");
    for (const release of mine) release?.();
    const queue = Array.from({ length: 4 }, () => services.importSlots.queue());
    expect((await post(body)).status).toBe(429);
    for (const release of [...queue, ...theirs]) release?.();
    expect((await post({ ...body, name: "Now" })).status).toBe(201);
  });

  it("clears, on the next start, the slices of an import the server stopped in the middle of", async () => {
    const dataDir = createDataDir();
    const { services, project } = await lead(dataDir);
    const stray = `transcript.${project.id}.cut-short`;
    services.db
      .prepare("INSERT INTO document_updates (room, data) VALUES (?, ?)")
      .run(stray, Buffer.from([0, 0]));
    const listed = services.transcripts.create({
      projectId: project.id,
      name: "Kept",
      sourceFormat: "text",
      blocks: turns(1),
      speakers: ["Interviewer"],
      turns: 1,
      words: 1,
      createdBy: null,
    });
    await server.close();
    server = await startTestServer({ dataDir });
    const rooms = server.services.db.prepare("SELECT DISTINCT room FROM document_updates").pluck().all();
    expect(rooms).not.toContain(stray);
    expect(rooms).toContain(`transcript.${project.id}.${listed.id}`);
  });
});
