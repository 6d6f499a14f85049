// Import benchmark: does the largest import the server allows stop it answering everyone else?
// Sends a transcript body just under the 48 MB limit (the 53,021-word hearing repeated) to the built
// server while another process asks /healthz every 5 ms, and reports the longest wait for an answer
// (how long the event loop was blocked) and how long the import took. Several runs, since a shared
// virtual machine varies. Usage: npm run bench:import  (BENCH_RUNS=3)
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { importTranscript } from "@concord/importers";
import { startApp } from "../support/app-process";
import { createTeam } from "../support/team";

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const LIMIT = 48 * 1024 * 1024;
const hearing = fileURLToPath(
  new URL(
    "../../../shared/fixtures/transcripts/ukcovid-inquiry_M6_2025-07-02_adult-social-care_FULL-DAY.rst",
    import.meta.url,
  ),
);

/** The hearing's blocks repeated until the JSON body is just under the limit. */
async function largestBody(): Promise<string> {
  const draft = await importTranscript({ name: hearing, bytes: readFileSync(hearing) });
  const once = JSON.stringify(draft.blocks).length;
  const copies = Math.floor((LIMIT * 0.97) / once);
  const repeated = Array.from({ length: copies }, () => draft.blocks).flat();
  // At most 200,000 blocks are allowed: join neighbours' text until the count fits.
  const group = Math.ceil(repeated.length / 200_000);
  const blocks = [];
  for (let i = 0; i < repeated.length; i += group) {
    const [first, ...rest] = repeated.slice(i, i + group);
    if (first) blocks.push({ ...first, text: [first.text, ...rest.map((b) => b.text)].join(" ") });
  }
  return JSON.stringify({ name: "Largest allowed", sourceFormat: draft.format, blocks });
}

/**
 * Asks /healthz back to back from a process of its own (this one is busy sending the body) until
 * told to stop on stdin; resolves with every answer's wait in milliseconds.
 */
function probe(url: string): { stop(): Promise<number[]> } {
  const script = `
    let done = false;
    process.stdin.on("data", () => { done = true; });
    const waits = [];
    while (!done) {
      const started = performance.now();
      await fetch(${JSON.stringify(`${url}/healthz`)}).then((r) => r.arrayBuffer());
      waits.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    process.stdout.write(JSON.stringify(waits));
    process.exit(0);`;
  const child = spawn(process.execPath, ["--input-type=module", "-e", script], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  return {
    async stop() {
      child.stdin.write("stop\n");
      await exited;
      return JSON.parse(output) as number[];
    },
  };
}

async function main() {
  const body = await largestBody();
  console.log(`body ${(body.length / 1024 / 1024).toFixed(1)} MB`);
  const app = await startApp();
  try {
    const team = await createTeam(app.url, 0, hearing);
    const lead = team.members[0];
    if (!lead) throw new Error("no lead");
    for (let run = 1; run <= RUNS; run++) {
      const probing = probe(app.url);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const started = performance.now();
      const response = await fetch(`${app.url}/api/projects/${team.projectId}/transcripts`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          origin: app.url,
          cookie: `concord_session=${lead.cookie}`,
        },
        body,
      });
      const answer = await response.text();
      const took = performance.now() - started;
      const waits = await probing.stop();
      if (response.status !== 201)
        throw new Error(`import answered ${response.status}: ${answer.slice(0, 200)}`);
      const sorted = [...waits].sort((a, b) => a - b);
      const at = (q: number) =>
        (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0).toFixed(0);
      console.log(
        `run ${run}: import ${took.toFixed(0)} ms; /healthz answered ${waits.length} times, wait p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, longest ${at(1)} ms`,
      );
    }
  } finally {
    await app.stop();
  }
}

await main();
