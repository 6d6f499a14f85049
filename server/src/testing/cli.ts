import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";

const bin = fileURLToPath(new URL("../cli/bin.ts", import.meta.url));
const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

/** The result of one run of the command line. */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the real command line in its own process on `dataDir`, as an administrator would. */
export function runConcord(dataDir: string, args: readonly string[], stdin?: string): CliRun {
  const result = spawnSync(process.execPath, ["--import", tsx, bin, "--data-dir", dataDir, ...args], {
    input: stdin ?? "",
    encoding: "utf8",
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
