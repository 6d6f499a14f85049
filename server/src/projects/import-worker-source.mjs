// Runs import-worker.ts from its TypeScript source (tests, `pnpm dev`): tsx compiles it in the
// worker's own thread. A build runs dist/import-worker.js instead.
import { register } from "tsx/esm/api";

register();
await import("./import-worker.ts");
