// Agreement benchmark: every figure of a round's dashboard (overall, per code, per transcript, per
// pair of coders) at each unit, for 60 transcripts × 7 coders with 100,000 codings of 30 codes in all,
// computed as the server computes them for the dashboard. Several runs; the median and the slowest.
// Usage: npm run bench:agreement  (BENCH_RUNS=5)
import {
  type AgreementUnit,
  type PlacedCoding,
  type RoundTranscript,
  roundAgreement,
} from "@concord/agreement";
import { applyCode, indexTranscript } from "@concord/anchoring";
import { type Round, seedTranscriptUpdate, transcriptContent } from "@concord/schema";
import { agreementOf } from "@concord/server/round-figures";
import { readRoundLayers } from "@concord/server/round-layers";
import * as prng from "lib0/prng";
import * as Y from "yjs";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TRANSCRIPTS = 60;
const CODERS = 7;
const CODINGS = 100_000;
const CODES = 30;
const TURNS = 300;
const TURN_LENGTH = 200;

function round(): {
  coders: string[];
  codes: { id: string; name: string }[];
  transcripts: RoundTranscript[];
} {
  const random = prng.create(60_7);
  const coders = Array.from({ length: CODERS }, (_, i) => `coder${i}`);
  const codes = Array.from({ length: CODES }, (_, i) => ({ id: `code${i}`, name: `Code ${i}` }));
  const length = TURNS * (TURN_LENGTH + 1) - 1;
  const turns = Array.from({ length: TURNS }, (_, i) => ({
    start: i * (TURN_LENGTH + 1),
    end: i * (TURN_LENGTH + 1) + TURN_LENGTH,
  }));
  const perLayer = Math.round(CODINGS / (TRANSCRIPTS * CODERS));
  const transcripts: RoundTranscript[] = Array.from({ length: TRANSCRIPTS }, (_, t) => {
    const layers: Record<string, PlacedCoding[]> = {};
    // Coders code the same passages often (as a real round would): a shared pool of passages per transcript.
    const pool = Array.from({ length: perLayer * 2 }, () => {
      const start = prng.int32(random, 0, length - 400);
      return { codeId: prng.oneOf(random, codes).id, start, end: start + prng.int32(random, 20, 400) };
    });
    for (const coder of coders) {
      layers[coder] = Array.from({ length: perLayer }, () => {
        const base = prng.oneOf(random, pool);
        const shift = prng.int32(random, -15, 15);
        return { ...base, start: Math.max(0, base.start + shift), end: Math.min(length, base.end + shift) };
      });
    }
    return { id: `t${t}`, length, turns, layers };
  });
  return { coders, codes, transcripts };
}

const data = round();
const codings = data.transcripts.reduce(
  (n, t) => n + Object.values(t.layers).reduce((m, l) => m + l.length, 0),
  0,
);
console.log(
  `Agreement: ${TRANSCRIPTS} transcripts × ${CODERS} coders, ${codings.toLocaleString("en")} codings of ${CODES} codes, ${RUNS} runs`,
);
console.log("| unit | median ms | slowest ms | figures |");
console.log("| --- | --- | --- | --- |");
for (const unit of ["turn", "character", "transcript"] as AgreementUnit[]) {
  const times: number[] = [];
  let figures = 0;
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    const result = roundAgreement({ ...data, unit });
    times.push(performance.now() - started);
    figures = 1 + result.byCode.length + result.byTranscript.length + result.byPair.length * (1 + CODES);
  }
  times.sort((a, b) => a - b);
  console.log(
    `| ${unit} | ${(times[Math.floor(times.length / 2)] as number).toFixed(0)} | ${(times[times.length - 1] as number).toFixed(0)} | ${figures} |`,
  );
}

// The server's whole answer: the layers read from their Yjs documents and every coding placed on its
// transcript's text (as GET …/rounds/:id/agreement does), then the figures.

async function serverAnswer() {
  const random = prng.create(100_000);
  const docs = new Map<string, Y.Doc>();
  const round: Round = {
    id: "r",
    projectId: "p",
    name: "Bench",
    transcriptIds: data.transcripts.map((t) => t.id),
    coderIds: data.coders,
    codeIds: null,
    monitor: false,
    status: "revealed",
    createdBy: "lead",
    createdAt: 0,
    closedAt: null,
    revealedAt: 0,
  };
  const words = [
    "co-production",
    "partnership",
    "people",
    "services",
    "we",
    "the",
    "and",
    "trust",
    "power",
    "budget",
  ];
  for (const transcript of data.transcripts) {
    const text = new Y.Doc();
    Y.applyUpdate(
      text,
      seedTranscriptUpdate(
        Array.from({ length: TURNS }, (_, i) => ({
          kind: "turn" as const,
          speaker: i % 2 ? "Chief Officer" : "Interviewer",
          text: Array.from({ length: 30 }, () => prng.oneOf(random, words)).join(" "),
        })),
      ),
    );
    docs.set(`transcript.p.${transcript.id}`, text);
    const index = indexTranscript(transcriptContent(text));
    for (const [coder, codings] of Object.entries(transcript.layers)) {
      const layer = new Y.Doc();
      for (const c of codings) {
        const start = Math.min(c.start, index.length - 2);
        applyCode(
          layer,
          text,
          { start, end: Math.min(Math.max(c.end, start + 1), index.length) },
          c.codeId,
          coder,
          index,
        );
      }
      docs.set(`layer.p.${transcript.id}.r.${coder}`, layer);
    }
  }
  docs.set("project.p", new Y.Doc());
  const rooms = { read: async (room: string) => docs.get(room) ?? new Y.Doc() };
  const present = { get: () => ({}) as never };
  console.log("\n| the server's answer (read, place, compute) | median ms | slowest ms |");
  console.log("| --- | --- | --- |");
  for (const unit of ["turn", "character"] as AgreementUnit[]) {
    const times: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const started = performance.now();
      agreementOf(round, await readRoundLayers(rooms, present, round, () => true), unit);
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    console.log(
      `| ${unit} | ${(times[Math.floor(times.length / 2)] as number).toFixed(0)} | ${(times[times.length - 1] as number).toFixed(0)} |`,
    );
  }
}

await serverAnswer();
