import { applyCode, indexTranscript, resolveAnchor } from "@concord/anchoring";
import { listThreads, startThread } from "@concord/discussion";
import { codingOf, transcriptContent } from "@concord/schema";
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createUserStore } from "../accounts/user-store";
import { openDatabase } from "../db/database";
import { appendUpdateNow } from "../db/sqlite-document-storage";
import { createProjectStore } from "../projects/project-store";
import { connectStockClient, createDataDir, startTestServer, type TestServer, whenSynced } from "../testing";

let server: TestServer | null = null;
afterEach(async () => {
  await server?.dispose();
  server = null;
});

/** A data folder as an earlier version left it: a coded transcript whose turns hold their text, and a thread. */
function earlierDataFolder() {
  const dataDir = createDataDir();
  const db = openDatabase({ dataDir, synchronous: "NORMAL" });
  const lead = createUserStore(db).create({ email: "lead@example.org", name: "Lead", passwordHash: "!" });
  const project = createProjectStore(db).create("Earlier", lead.id);
  db.prepare(
    `INSERT INTO transcripts (id, project_id, name, source_format, speakers, turns, words, attributes, created_by, created_at)
     VALUES ('t1', ?, 'Chief Officer 6', 'text', '[]', 2, 13, '{}', ?, 0)`,
  ).run(project.id, lead.id);
  const doc = new Y.Doc();
  transcriptContent(doc).insert(
    0,
    [
      ["Interviewer", "How do you understand co-production?"],
      ["Chief Officer", "As sharing power with people who use services."],
    ].map(([speaker, text]) => {
      const turn = new Y.XmlElement("turn");
      turn.setAttribute("speaker", speaker as string);
      turn.insert(0, [new Y.XmlText(text)]);
      return turn;
    }),
  );
  const index = indexTranscript(transcriptContent(doc));
  const start = index.text.indexOf("sharing power");
  const range = { start, end: start + "sharing power".length };
  const codingId = applyCode(doc, doc, range, "understanding", lead.id);
  const anchor = codingOf(doc, codingId)?.anchor;
  if (!anchor) throw new Error("not coded");
  appendUpdateNow(db, `transcript.${project.id}.t1`, Y.encodeStateAsUpdate(doc));
  const discussion = new Y.Doc();
  startThread(
    discussion,
    "th1",
    { kind: "passage", anchor },
    { id: "c1", authorId: lead.id, body: "Power?", mentions: [], at: 1 },
  );
  appendUpdateNow(db, `discussion.${project.id}.t1`, Y.encodeStateAsUpdate(discussion));
  db.close();
  return { dataDir, codingId, range, text: index.text, leadId: lead.id, projectId: project.id };
}

describe("documents stored by earlier versions", () => {
  it("give their turns paragraphs on the next start, keeping each coding's and thread's passage", async () => {
    const earlier = earlierDataFolder();
    server = await startTestServer({ dataDir: earlier.dataDir });
    const token = server.services.tokens.create(earlier.leadId, "t", Date.now() + 86_400_000).token;
    const client = connectStockClient(server.wsUrl, `transcript.${earlier.projectId}.t1`, {
      params: { token },
    });
    await whenSynced(client);
    const turns = transcriptContent(client.doc).toArray() as Y.XmlElement[];
    expect(turns.map((t) => t.toArray().map((c) => (c as Y.XmlElement).nodeName))).toEqual([
      ["paragraph"],
      ["paragraph"],
    ]);
    const index = indexTranscript(transcriptContent(client.doc));
    expect(index.text).toBe(earlier.text);
    const coding = codingOf(client.doc, earlier.codingId);
    expect(coding?.coderId).toBe(earlier.leadId);
    expect(coding && resolveAnchor(client.doc, index, coding.anchor)).toEqual({
      ...earlier.range,
      via: "position",
    });
    const discussion = connectStockClient(server.wsUrl, `discussion.${earlier.projectId}.t1`, {
      params: { token },
    });
    await whenSynced(discussion);
    const [thread] = listThreads(discussion.doc);
    const target = thread?.target;
    expect(target && "anchor" in target && resolveAnchor(client.doc, index, target.anchor)).toEqual({
      ...earlier.range,
      via: "position",
    });
    client.destroy();
    discussion.destroy();

    // Once is enough: the next start finds the migration done and stores nothing more.
    const dataDir = server.dataDir;
    await server.close();
    const rows = () => {
      const db = openDatabase({ dataDir, synchronous: "NORMAL" });
      try {
        return db.prepare("SELECT count(*) FROM document_updates").pluck().get();
      } finally {
        db.close();
      }
    };
    const before = rows();
    server = await startTestServer({ dataDir });
    expect(rows()).toBe(before);
  });
});
