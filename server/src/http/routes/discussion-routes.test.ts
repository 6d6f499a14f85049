import { createAnchor, indexTranscript } from "@concord/anchoring";
import { listThreads } from "@concord/discussion";
import { createCode, transcriptContent } from "@concord/schema";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  connectStockClient,
  createApiClient,
  eventually,
  startTestServer,
  type TestServer,
  whenSynced,
} from "../../testing";

let server: TestServer;
let project: string;
let transcript: string;
const people = {} as Record<"lead" | "coder" | "observer" | "outsider", { id: string; token: string }>;

beforeEach(async () => {
  server = await startTestServer();
  const { services } = server;
  for (const [key, name] of [
    ["lead", "Morag Lead"],
    ["coder", "Ann Lee"],
    ["observer", "Olu Observer"],
    ["outsider", "Oscar Outsider"],
  ] as const) {
    const user = services.users.create({ email: `${key}@example.org`, name, passwordHash: "!" });
    people[key] = { id: user.id, token: services.tokens.create(user.id, "t", Date.now() + 86_400_000).token };
  }
  project = services.projects.create("Co-production", people.lead.id).id;
  services.projects.setRole(project, people.coder.id, "coder");
  services.projects.setRole(project, people.observer.id, "observer");
  transcript = services.transcripts.create({
    projectId: project,
    name: "Chief Officer 1",
    sourceFormat: "text",
    blocks: [{ kind: "turn", speaker: "CO", text: "Co-production is sustained through trust and funding." }],
    speakers: ["CO"],
    turns: 1,
    words: 8,
    createdBy: people.lead.id,
  }).id;
});

afterEach(async () => {
  await server.dispose();
});

const api = () => createApiClient(server.url);
const as = (who: keyof typeof people) => ({ token: people[who].token });
const threadsPath = () => `/api/projects/${project}/discussions/${transcript}/threads`;

/** An anchor on "trust and funding", made the way the web app makes it. */
async function passageAnchor() {
  const client = connectStockClient(server.wsUrl, `transcript.${project}.${transcript}`, {
    params: { token: people.lead.token },
  });
  await whenSynced(client);
  const index = indexTranscript(transcriptContent(client.doc));
  const start = index.text.indexOf("trust and funding");
  const anchor = createAnchor(index, start, start + "trust and funding".length);
  client.destroy();
  return anchor;
}

describe("comment threads through the API", () => {
  it("let a coder start a thread, mention a colleague, and an observer reply, live in the discussion room", async () => {
    const watcher = connectStockClient(server.wsUrl, `discussion.${project}.${transcript}`, {
      params: { token: people.observer.token },
    });
    await whenSynced(watcher);
    const started = await api().request("POST", threadsPath(), {
      ...as("coder"),
      body: {
        target: { kind: "passage", anchor: await passageAnchor() },
        body: "Is this *sustaining*, @Olu Observer?",
        mentions: [people.observer.id, people.outsider.id],
      },
    });
    expect(started.status).toBe(201);
    const thread = (
      started.body as { thread: { id: string; comments: { authorId: string; mentions: string[] }[] } }
    ).thread;
    // The author is the signed-in person; a mention of someone outside the project is dropped.
    expect(thread.comments[0]).toMatchObject({ authorId: people.coder.id, mentions: [people.observer.id] });

    const inbox = await api().request("GET", "/api/inbox", as("observer"));
    expect(inbox.body).toMatchObject({
      unread: 1,
      notifications: [
        {
          projectName: "Co-production",
          transcriptId: transcript,
          threadId: thread.id,
          actorName: "Ann Lee",
          excerpt: "Is this sustaining, @Olu Observer?",
        },
      ],
    });
    expect((await api().request("GET", "/api/inbox", as("outsider"))).body).toMatchObject({ unread: 0 });

    const replied = await api().request("POST", `${threadsPath()}/${thread.id}/comments`, {
      ...as("observer"),
      body: { body: "Sustaining, I'd say." },
    });
    expect(replied.status).toBe(201);
    await eventually(() =>
      expect(listThreads(watcher.doc)[0]?.comments.map((c) => c.body)).toEqual([
        "Is this *sustaining*, @Olu Observer?",
        "Sustaining, I'd say.",
      ]),
    );
    watcher.destroy();

    const read = await api().request("POST", "/api/inbox/read", { ...as("observer"), body: { all: true } });
    expect(read.body).toEqual({ changed: 1, unread: 0 });
  });

  it("let only the author edit or delete a comment, and anyone resolve the thread", async () => {
    const started = await api().request("POST", threadsPath(), {
      ...as("coder"),
      body: { target: { kind: "passage", anchor: await passageAnchor() }, body: "First thought" },
    });
    const { id, comments } = (started.body as { thread: { id: string; comments: { id: string }[] } }).thread;
    const commentPath = `${threadsPath()}/${id}/comments/${comments[0]?.id}`;
    const hijack = await api().request("PATCH", commentPath, { ...as("lead"), body: { body: "Not yours" } });
    expect(hijack.status).toBe(403);
    expect(hijack.body).toMatchObject({ message: "Only its author can change or delete a comment." });
    expect((await api().request("DELETE", commentPath, as("observer"))).status).toBe(403);

    expect(
      (await api().request("PATCH", commentPath, { ...as("coder"), body: { body: "Second thought" } }))
        .status,
    ).toBe(200);
    const resolved = await api().request("PUT", `${threadsPath()}/${id}/resolution`, {
      ...as("observer"),
      body: { resolved: true },
    });
    expect(resolved.body).toMatchObject({
      thread: { resolved: true, resolution: { by: people.observer.id } },
    });
    const open = await api().request("GET", `/api/projects/${project}/discussions/threads`, as("lead"));
    expect(open.body).toEqual({ threads: [] });
    const all = await api().request(
      "GET",
      `/api/projects/${project}/discussions/threads?state=resolved`,
      as("lead"),
    );
    expect(all.body).toMatchObject({
      threads: [{ transcriptId: transcript, transcriptName: "Chief Officer 1" }],
    });

    const deleted = await api().request("DELETE", commentPath, as("coder"));
    expect(deleted.body).toMatchObject({ thread: { comments: [{ deleted: true, body: "" }] } });
  });

  it("keeps a comment's words as written, refuses oversized ones with the reason, and stores nothing then", async () => {
    const anchor = await passageAnchor();
    const hostile = `<script>alert(1)</script><img src=x onerror=alert(2)> [x](javascript:alert(3))`;
    const stored = await api().request("POST", threadsPath(), {
      ...as("coder"),
      body: { target: { kind: "passage", anchor }, body: hostile },
    });
    expect(stored.body).toMatchObject({ thread: { comments: [{ body: hostile }] } });

    const long = await api().request("POST", threadsPath(), {
      ...as("coder"),
      body: { target: { kind: "passage", anchor }, body: "x".repeat(10_001) },
    });
    expect(long.status).toBe(413);
    expect(long.body).toMatchObject({
      message: "A comment can have at most 10,000 characters; this one has 10,001.",
    });
    const huge = await api().request("POST", threadsPath(), {
      ...as("coder"),
      body: { target: { kind: "passage", anchor }, body: "x".repeat(2_000_000) },
    });
    expect(huge.status).toBe(413);
    const listed = await api().request("GET", `/api/projects/${project}/discussions/threads`, as("lead"));
    expect((listed.body as { threads: unknown[] }).threads).toHaveLength(1);
  });

  it("puts threads on codes in the project's discussion, only for codes the codebook has", async () => {
    const client = connectStockClient(server.wsUrl, `project.${project}`, {
      params: { token: people.lead.token },
    });
    await whenSynced(client);
    const codeId = createCode(client.doc, { name: "Sustaining" }, people.lead.id);
    await server.registry.settled();
    const path = `/api/projects/${project}/discussions/project/threads`;
    const onCode = await api().request("POST", path, {
      ...as("observer"),
      body: { target: { kind: "code", codeId }, body: "Where does sustaining end and funding begin?" },
    });
    expect(onCode.status).toBe(201);
    const missing = await api().request("POST", path, {
      ...as("observer"),
      body: { target: { kind: "code", codeId: "nope" }, body: "?" },
    });
    expect(missing.status).toBe(404);
    const misplaced = await api().request("POST", threadsPath(), {
      ...as("observer"),
      body: { target: { kind: "code", codeId }, body: "?" },
    });
    expect(misplaced.status).toBe(400);
    client.destroy();
  });

  it("keeps non-members out, and a removed member's inbox no longer shows the project", async () => {
    const started = await api().request("POST", threadsPath(), {
      ...as("lead"),
      body: {
        target: { kind: "passage", anchor: await passageAnchor() },
        body: "@Ann Lee look",
        mentions: [people.coder.id],
      },
    });
    expect(started.status).toBe(201);
    expect(
      (await api().request("GET", `/api/projects/${project}/discussions/threads`, as("outsider"))).status,
    ).toBe(403);
    expect((await api().request("GET", "/api/inbox", as("coder"))).body).toMatchObject({ unread: 1 });
    server.services.projects.removeMember(project, people.coder.id);
    expect((await api().request("GET", "/api/inbox", as("coder"))).body).toEqual({
      notifications: [],
      unread: 0,
    });
  });

  it("refuses comments in an archived project", async () => {
    server.services.projects.update(project, { archived: true });
    const response = await api().request("POST", threadsPath(), {
      ...as("lead"),
      body: { target: { kind: "passage", anchor: await passageAnchor() }, body: "Late" },
    });
    expect(response.status).toBe(403);
  });
});

describe("anchors of threads", () => {
  it("refuse a thread whose passage is not in the transcript, and re-attaching by anyone but its author or an owner", async () => {
    const anchor = await passageAnchor();
    // Positions that decode but point at nothing of this transcript, and a quote that is not in it.
    const nowhere = Buffer.from(
      Y.encodeRelativePosition(
        Y.createRelativePositionFromJSON({
          item: { client: 424242, clock: 7 },
          type: null,
          tname: null,
          assoc: 0,
        }),
      ),
    ).toString("base64");
    const lost = {
      start: nowhere,
      end: nowhere,
      quote: { prefix: "", exact: "words nobody said", suffix: "" },
    };
    const refused = await api().request("POST", threadsPath(), {
      ...as("coder"),
      body: { target: { kind: "passage", anchor: lost }, body: "Where is this?" },
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ message: "That passage is not in this transcript." });
    const all = await api().request(
      "GET",
      `/api/projects/${project}/discussions/threads?state=all`,
      as("coder"),
    );
    expect(all.body).toMatchObject({ threads: [] });

    const started = await api().request("POST", threadsPath(), {
      ...as("coder"),
      body: { target: { kind: "passage", anchor }, body: "Mine" },
    });
    const threadId = (started.body as { thread: { id: string } }).thread.id;
    const reattach = (who: keyof typeof people, to: typeof anchor) =>
      api().request("PUT", `${threadsPath()}/${threadId}/anchor`, { ...as(who), body: { anchor: to } });
    expect((await reattach("observer", anchor)).status).toBe(403);
    expect((await reattach("coder", lost)).status).toBe(400);
    expect((await reattach("coder", anchor)).status).toBe(200);
    expect((await reattach("lead", anchor)).status).toBe(200);
  });
});
