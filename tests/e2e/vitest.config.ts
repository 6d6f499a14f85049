import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    root: new URL(".", import.meta.url).pathname,
    include: ["**/*.spec.ts"],
    setupFiles: ["./setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Browser scenarios each start Chromium and a server; running them one file at a time keeps a
    // two-core machine responsive.
    fileParallelism: false,
  },
});
