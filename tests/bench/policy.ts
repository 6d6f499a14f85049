// Document-rules benchmark: what reading and judging one client update costs the server, on the
// 53,021-word hearing with 5,000 codings by 7 coders, beside what storing and applying it costs.
// Usage: npm run bench:policy  (BENCH_UPDATES=500)
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { applyCode, indexTranscript, removeCoding } from "@concord/anchoring";
import { importTranscript } from "@concord/importers";
import { reviewTranscriptUpdate, type Writer } from "@concord/policy";
import { seedTranscriptUpdate, transcriptContent } from "@concord/schema";
import { readUpdateChanges } from "@concord/sync";
import * as prng from "lib0/prng";
import * as Y from "yjs";

const UPDATES = Number(process.env.BENCH_UPDATES ?? 500);
const hearing = fileURLToPath(
  new URL(
    "../../../shared/fixtures/transcripts/ukcovid-inquiry_M6_2025-07-02_adult-social-care_FULL-DAY.rst",
    import.meta.url,
  ),
);

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

async function main() {
  const draft = await importTranscript({ name: hearing, bytes: readFileSync(hearing) });
  const server = new Y.Doc();
  Y.applyUpdate(server, seedTranscriptUpdate(draft.blocks));
  const index = indexTranscript(transcriptContent(server));
  const random = prng.create(53021);
  const coders = Array.from({ length: 7 }, (_, i) => `coder${i}`);
  for (let n = 0; n < 5000; n++) {
    const start = prng.int32(random, 0, index.length - 400);
    applyCode(
      server,
      server,
      { start, end: start + prng.int32(random, 10, 300) },
      "c",
      prng.oneOf(random, coders),
      index,
    );
  }
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const owner: Writer = { userId: "coder0", role: "owner", codebookLocked: false };
  const coder: Writer = { userId: "coder1", role: "coder", codebookLocked: false };
  const own: string[] = [];

  const kinds: [string, Writer, () => void][] = [
    [
      "a coder applies a code",
      coder,
      () => {
        const start = prng.int32(random, 0, index.length - 400);
        own.push(applyCode(client, client, { start, end: start + 40 }, "c", coder.userId));
      },
    ],
    ["a coder removes their coding", coder, () => removeCoding(client, own.pop() as string)],
    [
      "an owner corrects a word",
      owner,
      () => {
        const turns = transcriptContent(client).toArray();
        const turn = turns[prng.int32(random, 0, turns.length - 1)] as Y.XmlElement;
        (turn.get(0) as Y.XmlText | undefined)?.insert(0, "so ");
      },
    ],
  ];
  const rows: string[] = [];
  for (const [label, writer, edit] of kinds) {
    const judged: number[] = [];
    const diffed: number[] = [];
    const stored: number[] = [];
    for (let i = 0; i < UPDATES; i++) {
      const before = Y.encodeStateVector(client);
      edit();
      // As the stock client sends it: the change alone.
      const update = Y.encodeStateAsUpdate(client, before);
      let t = performance.now();
      const fresh = Y.diffUpdate(update, Y.encodeStateVector(server));
      diffed.push(performance.now() - t);
      const verdict = reviewTranscriptUpdate(readUpdateChanges(server, fresh), writer, Date.now());
      judged.push(performance.now() - t);
      if (!verdict.accepted) throw new Error(`${label} was refused: ${verdict.reason}`);
      t = performance.now();
      Y.applyUpdate(server, fresh);
      stored.push(performance.now() - t);
    }
    const us = (ms: number) => (ms * 1000).toFixed(0);
    rows.push(
      `| ${label} | ${us(quantile(diffed, 0.5))} | ${us(quantile(judged, 0.5))} | ${us(quantile(judged, 0.95))} | ${us(quantile(stored, 0.5))} | ${us(quantile(stored, 0.95))} |`,
    );
  }
  process.stdout.write(
    [
      `Document rules on the 53,021-word hearing (${transcriptContent(server).length} turns) with 5,000 codings; ${UPDATES} updates of each kind.`,
      "",
      "| update | diffed p50 µs (as before) | diffed + read + judged p50 µs | p95 µs | applied p50 µs | p95 µs |",
      "| --- | --- | --- | --- | --- | --- |",
      ...rows,
      "",
    ].join("\n"),
  );
}

await main();
