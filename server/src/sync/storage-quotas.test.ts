import { applyCode } from "@concord/anchoring";
import { codingOf } from "@concord/schema";
import { CloseCode } from "@concord/sync";
import { afterEach, describe, expect, it } from "vitest";
import { eventually, type StockClient, startTeam, type TestServer } from "../testing";

let server: TestServer | null = null;
let clients: StockClient[] = [];
afterEach(async () => {
  for (const client of clients) client.destroy();
  clients = [];
  await server?.dispose();
  server = null;
});

/** Codes the transcript `count` times in one update of its own each; resolves with the close code, if any. */
async function codeUntilRefused(client: StockClient, coderId: string, count: number): Promise<number | null> {
  for (let i = 0; i < count && client.closeCodes.length === 0; i++) {
    applyCode(client.doc, client.doc, { start: 0, end: 20 }, `code-${i}`, coderId);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  await eventually(() => expect(client.closeCodes.length).toBeGreaterThan(0), 5000).catch(() => {});
  return client.closeCodes[0] ?? null;
}

describe("storage quotas", () => {
  it("refuse an update once its document is at its limit, saying so, and others still write elsewhere", async () => {
    const t = await startTeam(undefined, { maxDocumentBytes: 40 * 1024 });
    server = t.server;
    const coder = await t.join("coder");
    clients.push(coder);
    const refused: string[] = [];
    coder.provider.on(
      "connection-close",
      (event: { reason: string } | null) => event && refused.push(event.reason),
    );
    expect(await codeUntilRefused(coder, t.ids.coder, 400)).toBe(CloseCode.refused);
    expect(refused[0]).toMatch(/this document is at its storage limit/);
    // The project's other documents are not held back by one full document.
    const owner = await t.join("owner", t.projectRoom);
    clients.push(owner);
    expect(owner.closeCodes).toEqual([]);
  });

  it("refuse an update, and an import, once the project is at its limit", async () => {
    const t = await startTeam(undefined, { maxProjectBytes: 60 * 1024 });
    server = t.server;
    const coder = await t.join("coder");
    clients.push(coder);
    expect(await codeUntilRefused(coder, t.ids.coder, 400)).toBe(CloseCode.refused);
    const imported = await fetch(`${t.server.url}/api/projects/${t.project.id}/transcripts`, {
      method: "POST",
      headers: { authorization: `Bearer ${t.tokens.owner}`, "content-type": "application/json" },
      body: JSON.stringify({
        name: "Another",
        sourceFormat: "text",
        blocks: [{ kind: "turn", speaker: "A", text: "x".repeat(30_000) }],
      }),
    });
    expect(imported.status).toBe(413);
    expect(await imported.json()).toMatchObject({
      message: expect.stringMatching(/project is at its storage limit/),
    });
    // What was stored before the limit is all there.
    const witness = await t.join("observer");
    clients.push(witness);
    const stored = [...witness.doc.getMap("codings").keys()];
    expect(stored.length).toBeGreaterThan(10);
    expect(codingOf(witness.doc, stored[0] as string)?.coderId).toBe(t.ids.coder);
  });
});
