// `npm run concord -- <command>`: the administration command line, run from the sources with tsx
// against the same DATA_DIR as the server. Installs dependencies first on a fresh clone.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
if (!existsSync(`${root}/node_modules/.bin/tsx`)) {
  const install = spawnSync(
    process.execPath,
    [`${root}/scripts/run-pnpm.mjs`, "install", "--frozen-lockfile"],
    {
      stdio: ["ignore", "inherit", "inherit"],
    },
  );
  if (install.status !== 0) process.exit(install.status ?? 1);
}
const result = spawnSync(
  process.execPath,
  ["--import", "tsx", `${root}/server/src/cli/bin.ts`, ...process.argv.slice(2)],
  {
    stdio: "inherit",
    cwd: process.cwd(),
  },
);
process.exit(result.status ?? 1);
