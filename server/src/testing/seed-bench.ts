// Prepares a data folder for the sync benchmark (tests/bench/sync): an owner with a token, a project
// and `count` transcripts, and prints {userId, token, rooms} as JSON. Run with tsx from the repository.
import { createTokenStore } from "../accounts/token-store";
import { createUserStore } from "../accounts/user-store";
import { openDatabase } from "../db/database";
import { createProjectStore } from "../projects/project-store";
import { createTranscriptStore } from "../projects/transcript-store";

const [dataDir, countText] = process.argv.slice(2);
if (!dataDir) throw new Error("usage: seed-bench.ts <dataDir> <count>");
const db = openDatabase({ dataDir, synchronous: "NORMAL" });
const user = createUserStore(db).create({ email: "bench@example.org", name: "Bench", passwordHash: "!" });
const project = createProjectStore(db).create("Benchmark", user.id);
const { token } = createTokenStore(db).create(user.id, "bench", Date.now() + 24 * 60 * 60 * 1000);
const transcripts = createTranscriptStore(db);
const rooms = Array.from({ length: Number(countText ?? 1) }, (_, i) => {
  const transcript = transcripts.create({
    projectId: project.id,
    name: `Interview ${i + 1}`,
    sourceFormat: "text",
    blocks: [{ kind: "turn", speaker: "Interviewer", text: "How is co-production understood here?" }],
    speakers: ["Interviewer"],
    turns: 1,
    words: 5,
    createdBy: user.id,
  });
  return `transcript.${project.id}.${transcript.id}`;
});
db.close();
process.stdout.write(`${JSON.stringify({ userId: user.id, token, rooms })}\n`);
