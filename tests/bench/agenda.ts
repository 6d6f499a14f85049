// Agenda benchmark: a meeting's agenda and the passages coded alike (what preparing, previewing and
// making a meeting compute), for one long transcript (3,000 turns, about 75,000 words) with 5,000
// codings of 30 codes per coder, for 2 and for 7 coders, at a tolerance of 0 characters, 10,000
// characters and "same turn". Several runs; the median and the slowest.
// Usage: npm run bench:agenda  (BENCH_RUNS=5)
import {
  type AgendaCoding,
  type AgendaTranscript,
  agreedPassages,
  buildAgenda,
  type Tolerance,
} from "@concord/meetings";
import * as prng from "lib0/prng";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TURNS = 3000;
const TURN_LENGTH = 150;
const PER_CODER = 5000;
const CODES = 30;

function transcript(coders: number): { data: AgendaTranscript; coderIds: string[] } {
  const random = prng.create(3000 + coders);
  const coderIds = Array.from({ length: coders }, (_, i) => `coder${i}`);
  const length = TURNS * (TURN_LENGTH + 1) - 1;
  const turns = Array.from({ length: TURNS }, (_, i) => ({
    start: i * (TURN_LENGTH + 1),
    end: i * (TURN_LENGTH + 1) + TURN_LENGTH,
  }));
  // Coders often code the same passages, as a real round's do: a pool of passages they draw from.
  const pool = Array.from({ length: PER_CODER * 2 }, () => {
    const start = prng.int32(random, 0, length - 400);
    return {
      codeId: `code${prng.int32(random, 0, CODES - 1)}`,
      start,
      end: start + prng.int32(random, 20, 400),
    };
  });
  const codings: AgendaCoding[] = [];
  for (const coderId of coderIds) {
    for (let i = 0; i < PER_CODER; i++) {
      const base = prng.oneOf(random, pool);
      const shift = prng.int32(random, -15, 15);
      codings.push({
        id: `${coderId}-${i}`,
        coderId,
        codeId: prng.bool(random) ? base.codeId : `code${prng.int32(random, 0, CODES - 1)}`,
        start: Math.max(0, base.start + shift),
        end: Math.min(length, base.end + shift),
      });
    }
  }
  return { data: { id: "t", turns, codings }, coderIds };
}

const tolerances: [string, Tolerance][] = [
  ["0 characters", { kind: "characters", characters: 0 }],
  ["10,000 characters", { kind: "characters", characters: 10_000 }],
  ["same turn", { kind: "turn" }],
];
console.log(
  `Agenda: one transcript of ${TURNS} turns, ${PER_CODER} codings of ${CODES} codes per coder, ${RUNS} runs`,
);
console.log("| coders | tolerance | items | agreed | median ms | slowest ms |");
console.log("| --- | --- | --- | --- | --- | --- |");
for (const coders of [2, 7]) {
  const { data, coderIds } = transcript(coders);
  for (const [name, tolerance] of tolerances) {
    const times: number[] = [];
    let items = 0;
    let agreed = 0;
    for (let run = 0; run < RUNS; run++) {
      const started = performance.now();
      const options = { coders: coderIds, tolerance, order: "impact" as const };
      items = buildAgenda([data], [], options).length;
      agreed = agreedPassages([data], options).length;
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    console.log(
      `| ${coders} | ${name} | ${items} | ${agreed} | ${(times[Math.floor(times.length / 2)] as number).toFixed(0)} | ${(times[times.length - 1] as number).toFixed(0)} |`,
    );
  }
}
