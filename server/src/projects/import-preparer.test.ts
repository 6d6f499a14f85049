import { seedTranscriptUpdate, transcriptContent } from "@concord/schema";
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { ImportBodyRefused } from "./import-body";
import { createImportPreparer, type ImportPreparer } from "./import-preparer";

const encode = (body: unknown) => new TextEncoder().encode(JSON.stringify(body));
const turns = (count: number) =>
  Array.from({ length: count }, (_, i) => ({
    kind: "turn" as const,
    speaker: i % 2 ? "Chief Officer" : "Interviewer",
    text: `Turn ${i}: co-production means sharing power with the people who use services, and it takes time.`,
  }));

describe("the import preparer", () => {
  let preparer: ImportPreparer;
  afterEach(async () => preparer.close());

  it("reads, counts and seeds a body as seeding on the main thread would", async () => {
    preparer = createImportPreparer();
    const blocks = turns(3);
    const prepared = await preparer.prepare(
      encode({ name: " Chief Officer 6 ", sourceFormat: "text", blocks }),
    );
    expect(prepared).toMatchObject({ name: "Chief Officer 6", sourceFormat: "text", attributes: {} });
    expect(prepared.speakers).toEqual(["Interviewer", "Chief Officer"]);
    expect(prepared.turns).toBe(3);
    const [ours, expected] = [prepared.content, [seedTranscriptUpdate(blocks)]].map((updates) => {
      const doc = new Y.Doc();
      for (const update of updates) Y.applyUpdate(doc, update);
      return transcriptContent(doc).toString();
    });
    expect(ours).toBe(expected);
  });

  it("leaves the main thread free while it prepares a large body", async () => {
    preparer = createImportPreparer();
    const body = encode({ name: "Large", sourceFormat: "text", blocks: turns(100_000) });
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 1);
    try {
      await preparer.prepare(body);
    } finally {
      clearInterval(ticker);
    }
    // Seeding 100,000 turns takes the worker hundreds of milliseconds; on the main thread no timer
    // could fire until it had finished.
    expect(ticks).toBeGreaterThan(5);
  });

  it("refuses a body that is not JSON, or not an import, saying which field is wrong", async () => {
    preparer = createImportPreparer();
    await expect(preparer.prepare(new TextEncoder().encode("{not json"))).rejects.toThrow(
      new ImportBodyRefused("The request body must be JSON."),
    );
    const refusal = preparer.prepare(
      encode({ name: "x", sourceFormat: "text", blocks: [{ kind: "turn", speaker: "A", text: 3 }] }),
    );
    await expect(refusal).rejects.toBeInstanceOf(ImportBodyRefused);
    await expect(refusal).rejects.toThrow(/^blocks\.0\.text: /);
  });

  it("prepares the bodies sent at once, each its own", async () => {
    preparer = createImportPreparer();
    const names = ["One", "Two", "Three", "Four"];
    const prepared = await Promise.all(
      names.map((name, i) => preparer.prepare(encode({ name, sourceFormat: "text", blocks: turns(i + 1) }))),
    );
    expect(prepared.map((p) => [p.name, p.turns])).toEqual(names.map((name, i) => [name, i + 1]));
  });

  it("starts a new worker for the next body once it has been stopped", async () => {
    preparer = createImportPreparer();
    const body = () => encode({ name: "Again", sourceFormat: "text", blocks: turns(1) });
    await preparer.prepare(body());
    // Long enough to be still in the worker when it is stopped.
    const stopped = preparer.prepare(encode({ name: "Long", sourceFormat: "text", blocks: turns(50_000) }));
    await preparer.close();
    await expect(stopped).rejects.toThrow();
    await expect(preparer.prepare(body())).resolves.toMatchObject({ name: "Again" });
  });
});
