// Runs the pnpm version pinned in package.json through npx, so a fresh machine needs only Node and npm.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";

const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
const pinned = manifest.packageManager;
const result = spawnSync("npx", ["-y", pinned, ...process.argv.slice(2)], {
  stdio: "inherit",
  env: { ...process.env, COREPACK_ENABLE_STRICT: "0" },
});
process.exit(result.status ?? 1);
