import { indexTranscript } from "@concord/anchoring";
import { listCodes, transcriptContent } from "@concord/schema";
import { afterEach, describe, expect, it } from "vitest";
import { createApiClient, startTestServer, storedDocIn, type TestServer } from "../testing";

let server: TestServer;
afterEach(async () => {
  await server.dispose();
});

describe("the demo project", () => {
  it("gives a new account three interviews and the study's starter codebook", async () => {
    server = await startTestServer();
    const client = createApiClient(server.url);
    await client.request("POST", "/api/auth/sign-up", {
      body: { name: "Morag", email: "morag@example.org", password: "a long enough passphrase" },
    });
    const created = await client.request<{ project: { id: string; role: string } }>(
      "POST",
      "/api/demo-project",
    );
    expect(created.status).toBe(201);
    const projectId = created.body.project.id;
    const listed = await client.request<{
      transcripts: { id: string; name: string; speakers: string[]; attributes: Record<string, string> }[];
    }>("GET", `/api/projects/${projectId}/transcripts`);
    expect(listed.body.transcripts.map((t) => t.name)).toEqual([
      "Chief Officer, Partnership A",
      "National agency lead",
      "Third-sector partner",
    ]);
    expect(listed.body.transcripts[0]).toMatchObject({
      speakers: ["Interviewer", "Chief Officer"],
      attributes: { role: "Chief Officer" },
    });

    const codebook = await storedDocIn(server.db, `project.${projectId}`);
    const names = listCodes(codebook).map((c) => c.name);
    for (const theme of [
      "Understanding",
      "Implementation",
      "Sustaining",
      "Barriers",
      "Facilitators",
      "Governance and reform",
    ]) {
      expect(names).toContain(theme);
    }
    const first = listed.body.transcripts[0]?.id;
    const text = indexTranscript(
      transcriptContent(await storedDocIn(server.db, `transcript.${projectId}.${first}`)),
    ).text;
    expect(text).toContain("working with people, not doing to them");
  });
});
