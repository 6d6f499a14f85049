import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { createApiClient, createDataDir, startTestServer } from "../testing";
import { runConcord } from "../testing/cli";

const bin = fileURLToPath(new URL("./bin.ts", import.meta.url));
const fixtures = fileURLToPath(new URL("../../../../shared/fixtures", import.meta.url));
const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
let dataDir = "";

afterEach(() => {
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

function concord(args: string[], stdin?: string) {
  return runConcord(dataDir, args, stdin);
}

function json(args: string[], stdin?: string) {
  const result = concord([...args, "--json"], stdin);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout);
}

describe("the concord command line", () => {
  it("creates the first account as administrator with a generated password that signs in", async () => {
    dataDir = createDataDir();
    const created = json(["user", "add", "--email", "lead@example.org", "--name", "Study Lead"]);
    expect(created.user).toMatchObject({ email: "lead@example.org", isAdmin: true });
    expect(created.password).toMatch(/^\S{20}$/);
    const server = await startTestServer({ dataDir });
    try {
      const client = createApiClient(server.url);
      const signIn = await client.request("POST", "/api/auth/sign-in", {
        body: { email: "lead@example.org", password: created.password },
      });
      expect(signIn.status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it("sets up a project, a member and a token that the API accepts", async () => {
    dataDir = createDataDir();
    json(
      ["user", "add", "--email", "lead@example.org", "--name", "Lead", "--password-stdin"],
      "a long passphrase here\n",
    );
    json(["user", "add", "--email", "coder@example.org", "--name", "Coder"]);
    const { project } = json(["project", "create", "--name", "Co-production", "--owner", "lead@example.org"]);
    const added = json([
      "member",
      "add",
      "--project",
      project.id,
      "--email",
      "coder@example.org",
      "--role",
      "coder",
    ]);
    expect(added.member.role).toBe("coder");
    const { token } = json([
      "token",
      "create",
      "--email",
      "coder@example.org",
      "--name",
      "export",
      "--days",
      "7",
    ]);
    const listed = json(["project", "list"]);
    expect(listed.projects).toEqual([expect.objectContaining({ id: project.id, members: 2 })]);
    const server = await startTestServer({ dataDir });
    try {
      const response = await createApiClient(server.url).request<{
        projects: { id: string; role: string }[];
      }>("GET", "/api/projects", { token, origin: null });
      expect(response.body.projects).toEqual([expect.objectContaining({ id: project.id, role: "coder" })]);
    } finally {
      await server.close();
    }
  });

  it("resets a password and signs the account out everywhere", async () => {
    dataDir = createDataDir();
    json(["user", "add", "--email", "lead@example.org", "--name", "Lead"]);
    const reset = json(
      ["user", "reset-password", "--email", "lead@example.org", "--password-stdin"],
      "the new long passphrase",
    );
    expect(reset.password).toBeUndefined();
    expect(reset.user.email).toBe("lead@example.org");
  });

  it("explains a mistake in words and exits with 1, as text or JSON", () => {
    dataDir = createDataDir();
    const text = concord([
      "member",
      "add",
      "--project",
      "nope",
      "--email",
      "x@example.org",
      "--role",
      "coder",
    ]);
    expect(text.code).toBe(1);
    expect(text.stderr).toContain("There is no project with the id nope.");
    const asJson = concord([
      "member",
      "add",
      "--project",
      "nope",
      "--email",
      "x@example.org",
      "--role",
      "boss",
      "--json",
    ]);
    expect(asJson.code).toBe(1);
    expect(JSON.parse(asJson.stdout)).toEqual({ error: "--role must be owner, coder or observer." });
  });

  it("refuses a weak password and a duplicate email", () => {
    dataDir = createDataDir();
    const weak = concord(
      ["user", "add", "--email", "a@example.org", "--name", "A", "--password-stdin"],
      "short",
    );
    expect(weak.code).toBe(1);
    expect(weak.stderr).toMatch(/at least 10 characters/);
    json(["user", "add", "--email", "a@example.org", "--name", "A"]);
    const again = concord(["user", "add", "--email", "A@example.org", "--name", "A"]);
    expect(again.stderr).toMatch(/already exists/);
  });

  it("imports a batch of files, reporting each, and goes on past one it cannot read", async () => {
    dataDir = createDataDir();
    json(["user", "add", "--email", "lead@example.org", "--name", "Lead"]);
    const { project } = json(["project", "create", "--name", "Interviews", "--owner", "lead@example.org"]);
    const result = concord([
      "import",
      "--project",
      project.id,
      `${fixtures}/transcripts/pdpilot/P1.txt`,
      `${fixtures}/docx/mammoth_empty.docx`,
      `${fixtures}/captions/vttjs_cycle-collector-talk.vtt`,
      "--json",
    ]);
    expect(result.code).toBe(1);
    const { results } = JSON.parse(result.stdout);
    expect(results.map((r: { file: string }) => r.file)).toEqual([
      "P1.txt",
      "mammoth_empty.docx",
      "vttjs_cycle-collector-talk.vtt",
    ]);
    expect(results[0]).toMatchObject({ speakers: ["Dan", "Participant"], turns: 94, words: 2933 });
    expect(results[1].error).toBe("mammoth_empty.docx: there is no text in it to code.");
    expect(results[2]).toMatchObject({ speakers: ["Kyle Huey", "Chris Pearce"], turns: 4 });
    const server = await startTestServer({ dataDir });
    try {
      const api = createApiClient(server.url);
      const { token } = json(["token", "create", "--email", "lead@example.org", "--name", "check"]);
      const listed = await api.request<{ transcripts: { name: string; turns: number }[] }>(
        "GET",
        `/api/projects/${project.id}/transcripts`,
        { token },
      );
      expect(listed.body.transcripts.map((t) => [t.name, t.turns])).toEqual([
        ["P1", 94],
        ["vttjs_cycle-collector-talk", 4],
      ]);
    } finally {
      await server.close();
    }
  });

  it("merges a conversation's TextGrid tiers into one transcript", () => {
    dataDir = createDataDir();
    json(["user", "add", "--email", "lead@example.org", "--name", "Lead"]);
    const { project } = json(["project", "create", "--name", "Consultations", "--owner", "lead@example.org"]);
    const { results } = json([
      "import",
      "--project",
      project.id,
      "--merge",
      `${fixtures}/transcripts/primock57/day1_consultation07_doctor.TextGrid`,
      `${fixtures}/transcripts/primock57/day1_consultation07_patient.TextGrid`,
    ]);
    expect(results).toHaveLength(2);
    expect(results[0].transcriptId).toBe(results[1].transcriptId);
    expect(results[0]).toMatchObject({
      name: "day1_consultation07",
      speakers: ["Doctor", "Patient"],
      turns: 175,
    });
  });

  it("lets several commands write to one data folder at once, each waiting its turn", async () => {
    dataDir = createDataDir();
    const run = (i: number) =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(
          process.execPath,
          [
            "--import",
            tsx,
            bin,
            "--data-dir",
            dataDir,
            "user",
            "add",
            "--email",
            `u${i}@example.org`,
            "--name",
            `U ${i}`,
          ],
          { stdio: ["ignore", "ignore", "pipe"] },
        );
        let stderr = "";
        child.stderr.on("data", (chunk: Buffer) => {
          stderr += chunk.toString();
        });
        child.on("exit", (code) => resolve({ code, stderr }));
      });
    // Started together on a fresh folder: they also race to create the database's tables.
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => run(i)));
    for (const result of results) expect(result.code, result.stderr).toBe(0);
    expect(json(["user", "list"]).users).toHaveLength(8);
  }, 60_000);

  it("has help for every command", () => {
    dataDir = createDataDir();
    for (const command of [
      ["user", "add"],
      ["user", "reset-password"],
      ["user", "list"],
      ["token", "create"],
      ["project", "create"],
      ["project", "list"],
      ["member", "add"],
      ["import"],
    ]) {
      const help = concord([...command, "--help"]);
      expect(help.code, command.join(" ")).toBe(0);
      expect(help.stdout).toContain(`Usage: concord ${command.join(" ")}`);
    }
  });
});
