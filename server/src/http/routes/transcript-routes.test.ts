import { applyCode } from "@concord/anchoring";
import { afterEach, describe, expect, it } from "vitest";
import type * as Y from "yjs";
import {
  connectStockClient,
  createApiClient,
  eventually,
  startTestServer,
  type TestServer,
  whenSynced,
} from "../../testing";

let server: TestServer;
afterEach(async () => {
  await server.dispose();
});

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
