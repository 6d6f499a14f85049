// Bundles the server into dist/main.js (and its import worker into dist/import-worker.js). The server's own dependencies (better-sqlite3 is native and
// cannot be bundled) stay external and load from server/node_modules; workspace packages and the
// libraries only they depend on are bundled in.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const manifest = JSON.parse(readFileSync(here("package.json"), "utf8"));
const external = new Set(Object.keys(manifest.dependencies).filter((name) => !name.startsWith("@concord/")));
const packageName = (specifier) =>
  specifier
    .split("/")
    .slice(0, specifier.startsWith("@") ? 2 : 1)
    .join("/");

await build({
  // The import worker runs in its own thread, so it is a file of its own beside main.js.
  entryPoints: { main: here("src/main.ts"), "import-worker": here("src/projects/import-worker.ts") },
  outdir: here("dist"),
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: true,
  logLevel: "warning",
  // Bundled CommonJS code may call require(); give the ES module bundle one.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  plugins: [
    {
      name: "external-server-dependencies",
      setup(pluginBuild) {
        pluginBuild.onResolve({ filter: /^[^./]/ }, (args) =>
          external.has(packageName(args.path)) || args.path.startsWith("node:")
            ? { path: args.path, external: true }
            : undefined,
        );
      },
    },
  ],
});
