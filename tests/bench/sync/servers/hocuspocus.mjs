// Hocuspocus with its SQLite extension, as its documentation sets it up, for the benchmark only.
import { SQLite } from "@hocuspocus/extension-sqlite";
import { Server } from "@hocuspocus/server";

const server = new Server({
  port: Number(process.env.PORT),
  address: "127.0.0.1",
  quiet: true,
  extensions: [new SQLite({ database: process.env.DATABASE })],
});
await server.listen();
process.on("SIGTERM", async () => {
  await server.destroy();
  process.exit(0);
});
