import { readFile } from "node:fs/promises";
import { basename, resolve } from "node:path";
import { counted, type Round } from "@concord/schema";
import { Command, CommanderError } from "commander";
import { openDatabase } from "../db/database";
import { type AdminCommands, CliError, createAdminCommands } from "./admin-commands";

interface GlobalOptions {
  dataDir: string;
  json?: boolean;
}

function print(result: unknown, json: boolean | undefined, text: (result: never) => string): void {
  process.stdout.write(json ? `${JSON.stringify(result, null, 2)}\n` : `${text(result as never)}\n`);
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}

function roundLine(round: Round): string {
  return `${round.id}  ${round.name}  (${round.status}; ${counted(round.transcriptIds.length, "transcript")}, ${counted(round.coderIds.length, "coder")}${round.monitor ? ", monitored" : ""})`;
}

const figure = (value: number | null) => (value === null ? "undefined" : value.toFixed(3));

function agreementText(result: Awaited<ReturnType<AdminCommands["agreement"]>>): string {
  const lines = [
    `Unit: ${result.unit}. ${result.uncoded}`,
    `Overall: alpha ${figure(result.overall.krippendorffAlpha)}, percent ${figure(result.overall.percent)}${result.overall.why ? ` (${result.overall.why})` : ""}`,
    ...result.byCode.map(
      (code) =>
        `  ${code.name}: alpha ${figure(code.krippendorffAlpha)}, percent ${figure(code.percent)}${code.why ? ` (${code.why})` : ""}`,
    ),
  ];
  if (result.codersWithoutCodings.length > 0)
    lines.push(`Coders with no codings: ${result.codersWithoutCodings.join(", ")}`);
  return lines.join("\n");
}

function buildProgram(
  run: <T>(work: (commands: AdminCommands) => T | Promise<T>) => Promise<T>,
  reportFailure: () => void,
): Command {
  const program = new Command("concord")
    .description("Administer a Concord instance: accounts, tokens, projects, members and coding rounds.")
    .option("--data-dir <folder>", "data folder (as the server's DATA_DIR)", process.env.DATA_DIR || "data")
    .option("--json", "print results as JSON, for scripts")
    .showHelpAfterError()
    .exitOverride();
  const globals = () => program.opts<GlobalOptions>();

  const user = program.command("user").description("accounts");
  user
    .command("add")
    .description("create an account (prints a generated password unless --password-stdin is given)")
    .requiredOption("--email <email>", "email address to sign in with")
    .requiredOption("--name <name>", "name shown to colleagues")
    .option("--password-stdin", "read the password from standard input")
    .option("--admin", "make the account an instance administrator")
    .action(async (options: { email: string; name: string; passwordStdin?: boolean; admin?: boolean }) => {
      const password = options.passwordStdin ? await readStdin() : undefined;
      const result = await run((c) =>
        c.addUser({ ...options, ...(password === undefined ? {} : { password }) }),
      );
      print(result, globals().json, (r: Awaited<ReturnType<AdminCommands["addUser"]>>) =>
        [
          `Created ${r.user.email} (${r.user.id})${r.user.isAdmin ? ", administrator" : ""}.`,
          r.password ? `Password: ${r.password}` : "",
        ]
          .filter(Boolean)
          .join("\n"),
      );
    });
  user
    .command("reset-password")
    .description("set a new password and sign the account out everywhere")
    .requiredOption("--email <email>", "the account's email")
    .option("--password-stdin", "read the new password from standard input")
    .action(async (options: { email: string; passwordStdin?: boolean }) => {
      const password = options.passwordStdin ? await readStdin() : undefined;
      const result = await run((c) =>
        c.resetPassword({ email: options.email, ...(password === undefined ? {} : { password }) }),
      );
      print(result, globals().json, (r: Awaited<ReturnType<AdminCommands["resetPassword"]>>) =>
        [
          `Password reset for ${r.user.email}; ${r.signedOutSessions} session(s) signed out.`,
          r.password ? `Password: ${r.password}` : "",
        ]
          .filter(Boolean)
          .join("\n"),
      );
    });
  user
    .command("list")
    .description("list accounts")
    .action(async () => {
      const result = await run((c) => c.listUsers());
      print(
        result,
        globals().json,
        (r: ReturnType<AdminCommands["listUsers"]>) =>
          r.users.map((u) => `${u.id}  ${u.email}  ${u.name}${u.isAdmin ? "  (admin)" : ""}`).join("\n") ||
          "No accounts yet.",
      );
    });

  program
    .command("token")
    .description("personal API tokens")
    .command("create")
    .description("create a personal API token for an account (printed once)")
    .requiredOption("--email <email>", "the account's email")
    .requiredOption("--name <name>", "what the token is for")
    .option("--days <days>", "days until it expires", "30")
    .action(async (options: { email: string; name: string; days: string }) => {
      const result = await run((c) => c.createToken({ ...options, days: Number(options.days) }));
      print(result, globals().json, (r: ReturnType<AdminCommands["createToken"]>) => r.token);
    });

  const project = program.command("project").description("projects");
  project
    .command("create")
    .description("create a project with an owner")
    .requiredOption("--name <name>", "project name")
    .requiredOption("--owner <email>", "email of its first owner")
    .action(async (options: { name: string; owner: string }) => {
      const result = await run((c) => c.createProject({ name: options.name, ownerEmail: options.owner }));
      print(
        result,
        globals().json,
        (r: ReturnType<AdminCommands["createProject"]>) => `Created "${r.project.name}" (${r.project.id}).`,
      );
    });
  project
    .command("list")
    .description("list every project on the instance")
    .action(async () => {
      const result = await run((c) => c.listProjects());
      print(
        result,
        globals().json,
        (r: ReturnType<AdminCommands["listProjects"]>) =>
          r.projects
            .map(
              (p) =>
                `${p.id}  ${p.name}  (${p.members} member${p.members === 1 ? "" : "s"}${p.archivedAt ? ", archived" : ""})`,
            )
            .join("\n") || "No projects yet.",
      );
    });

  program
    .command("member")
    .description("project members")
    .command("add")
    .description("add an account to a project, or change its role")
    .requiredOption("--project <id>", "project id")
    .requiredOption("--email <email>", "the account's email")
    .requiredOption("--role <role>", "owner, coder or observer")
    .action(async (options: { project: string; email: string; role: string }) => {
      const result = await run((c) =>
        c.addMember({ projectId: options.project, email: options.email, role: options.role }),
      );
      print(
        result,
        globals().json,
        (r: ReturnType<AdminCommands["addMember"]>) =>
          `${r.member.email} is now ${r.member.role} of "${r.project.name}".`,
      );
    });

  const round = program.command("round").description("coding rounds: independent coding, then agreement");
  round
    .command("create")
    .description("start a round: its coders code its transcripts blind, each into a layer of their own")
    .requiredOption("--project <id>", "project id")
    .requiredOption("--name <name>", "the round's name")
    .requiredOption("--transcripts <ids>", "transcript ids, comma-separated")
    .requiredOption("--coders <emails>", "the coders' emails, comma-separated (two or more)")
    .option("--codes <ids>", "the code ids the round is about, comma-separated (default: every code)")
    .option("--monitor", "let owners read the layers while the round runs")
    .action(
      async (options: {
        project: string;
        name: string;
        transcripts: string;
        coders: string;
        codes?: string;
        monitor?: boolean;
      }) => {
        const result = await run((c) => c.createRound({ ...options, projectId: options.project }));
        print(result, globals().json, (r: Awaited<ReturnType<AdminCommands["createRound"]>>) =>
          roundLine(r.round),
        );
      },
    );
  for (const [name, description, command] of [
    ["close", "close a round for coding (its layers stay blind)", "closeRound"],
    ["reopen", "open a closed round for coding again", "reopenRound"],
    ["reveal", "reveal a closed round: every member reads every layer, for good", "revealRound"],
  ] as const) {
    round
      .command(name)
      .description(description)
      .requiredOption("--round <id>", "round id")
      .action(async (options: { round: string }) => {
        const result = await run((c) => c[command](options.round));
        print(result, globals().json, (r: ReturnType<AdminCommands["closeRound"]>) => roundLine(r.round));
      });
  }
  round
    .command("list")
    .description("list a project's rounds")
    .requiredOption("--project <id>", "project id")
    .action(async (options: { project: string }) => {
      const result = await run((c) => c.listRounds(options.project));
      print(
        result,
        globals().json,
        (r: ReturnType<AdminCommands["listRounds"]>) =>
          r.rounds.map(roundLine).join("\n") || "No rounds yet.",
      );
    });

  program
    .command("meeting")
    .description("consensus meetings")
    .command("agenda")
    .description("the agenda of a revealed round: every passage where its coders differ")
    .requiredOption("--round <id>", "round id")
    .option("--tolerance <n>", 'characters boundaries may differ and still agree, or "turn"', "0")
    .option(
      "--order <order>",
      '"position" (in the text) or "impact" (how much deciding it moves agreement)',
      "position",
    )
    .option("--group <by>", '"transcript" or "code"', "transcript")
    .action(async (options: { round: string; tolerance: string; order: string; group: string }) => {
      const result = await run((c) =>
        c.agenda({
          roundId: options.round,
          tolerance: options.tolerance,
          order: options.order,
          groupBy: options.group,
        }),
      );
      print(
        result,
        globals().json,
        (r: Awaited<ReturnType<AdminCommands["agenda"]>>) =>
          r.items
            .map((item) =>
              item.kind === "disagreement"
                ? `${item.transcriptId} ${item.start}–${item.end} ${item.codeId}: ${item.reason}; with ${item.coders.with.join(", ") || "nobody"}, without ${item.coders.without.join(", ") || "nobody"}`
                : `thread ${item.threadId}`,
            )
            .join("\n") || "Nothing to decide: the coders agree everywhere.",
      );
    });

  program
    .command("minutes")
    .description("a meeting's minutes: decisions with rationales, attendance, open items")
    .requiredOption("--meeting <id>", "meeting id")
    .option("--format <format>", "md or html", "md")
    .action(async (options: { meeting: string; format: string }) => {
      const minutes = await run((c) => c.minutes({ meetingId: options.meeting, format: options.format }));
      process.stdout.write(minutes);
    });

  program
    .command("agreement")
    .description("inter-coder agreement of a round's layers, as its dashboard shows it")
    .requiredOption("--round <id>", "round id")
    .option("--unit <unit>", "turn, character or transcript", "turn")
    .action(async (options: { round: string; unit: string }) => {
      const result = await run((c) => c.agreement({ roundId: options.round, unit: options.unit }));
      print(result, globals().json, (r: Awaited<ReturnType<AdminCommands["agreement"]>>) => agreementText(r));
    });

  program
    .command("import")
    .description("import transcript files into a project (.txt .md .rst .docx .vtt .srt .TextGrid)")
    .requiredOption("--project <id>", "project id")
    .option("--plain", "import as plain paragraphs, without speakers")
    .option(
      "--merge",
      "merge all the files into one transcript in time order (TextGrid tiers of one conversation)",
    )
    .argument("<files...>", "files to import")
    .action(async (files: string[], options: { project: string; plain?: boolean; merge?: boolean }) => {
      const read = await Promise.all(
        files.map(async (path) => {
          try {
            return { name: basename(path), bytes: new Uint8Array(await readFile(path)) };
          } catch (error) {
            const code = (error as NodeJS.ErrnoException).code;
            const why =
              code === "ENOENT"
                ? "no such file."
                : code === "EISDIR"
                  ? "it is a folder."
                  : (error as Error).message;
            return { name: path, unreadable: `cannot read it: ${why}` };
          }
        }),
      );
      const result = await run((c) =>
        c.importFiles({
          projectId: options.project,
          files: read,
          plain: options.plain ?? false,
          merge: options.merge ?? false,
        }),
      );
      print(result, globals().json, (r: Awaited<ReturnType<AdminCommands["importFiles"]>>) =>
        r.results
          .map((item) =>
            "error" in item
              ? `✗ ${item.error}`
              : `✓ ${item.file}: ${counted(item.speakers.length, "speaker")} (${item.speakers.join(", ") || "none"}), ${counted(item.turns, "turn")}, ${counted(item.words, "word")} → ${item.transcriptId}${item.warnings.map((w) => `\n    ! ${w}`).join("")}`,
          )
          .join("\n"),
      );
      if (result.results.some((item) => "error" in item)) reportFailure();
    });

  return program;
}

/** Runs the command line with `argv` (without node and script); resolves with the exit code. */
export async function runCli(argv: readonly string[]): Promise<number> {
  let json = argv.includes("--json");
  let partlyFailed = false;
  const program = buildProgram(
    async (work) => {
      const options = program.opts<GlobalOptions>();
      json = options.json ?? false;
      const db = openDatabase({ dataDir: resolve(options.dataDir), synchronous: "FULL" });
      try {
        return await work(createAdminCommands(db));
      } finally {
        db.close();
      }
    },
    () => {
      partlyFailed = true;
    },
  );
  try {
    await program.parseAsync([...argv], { from: "user" });
    return partlyFailed ? 1 : 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    const message =
      error instanceof CliError
        ? error.message
        : `Unexpected error: ${(error as Error).stack ?? String(error)}`;
    if (json) process.stdout.write(`${JSON.stringify({ error: message })}\n`);
    process.stderr.write(`${message}\n`);
    return 1;
  }
}
