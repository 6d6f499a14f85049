// Bundles the server and the workspace packages it imports into dist/main.js; everything from
// node_modules stays external (better-sqlite3 is native and cannot be bundled).
import { build } from "esbuild";

await build({
  entryPoints: ["src/main.ts"],
  outfile: "dist/main.js",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: true,
  logLevel: "warning",
  plugins: [
    {
      name: "external-node-modules",
      setup(pluginBuild) {
        pluginBuild.onResolve({ filter: /^[^./]/ }, (args) =>
          args.path.startsWith("@concord/") ? undefined : { path: args.path, external: true },
        );
      },
    },
  ],
});
