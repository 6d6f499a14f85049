import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ConfigError, readConfig } from "./config";
import { startServer } from "./server";

// The bundled server lives in server/dist; the web app's build sits beside it in web/dist.
const here = dirname(fileURLToPath(import.meta.url));
const defaultWebRoot = join(here, "..", "..", "web", "dist");

async function main(): Promise<void> {
  const config = readConfig(process.env, { webRoot: defaultWebRoot });
  const server = await startServer(config);
  let signals = 0;
  const stop = (signal: string) => {
    signals += 1;
    if (signals > 1) process.exit(1);
    process.stderr.write(`${signal}: closing rooms and storage…\n`);
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
  process.stdout.write(`Concord is running at ${server.url}\n`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`Configuration error: ${error.message}\n`);
  } else if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
    process.stderr.write(`Port already in use: ${(error as Error).message}. Set PORT to another port.\n`);
  } else {
    process.stderr.write(`Concord could not start: ${(error as Error).stack ?? String(error)}\n`);
  }
  process.exit(1);
});
