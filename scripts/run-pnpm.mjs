// Runs the pnpm version pinned in package.json through npx, so a fresh machine needs only Node and npm.
import { spawnSync } from "node:child_process";

/** The one pnpm version this repository is developed and tested with. */
const PNPM = "pnpm@12.21.0";

const result = spawnSync("npx", ["-y", PNPM, ...process.argv.slice(2)], {
  stdio: "inherit",
  env: { ...process.env, COREPACK_ENABLE_STRICT: "0" },
});
process.exit(result.status ?? 1);
