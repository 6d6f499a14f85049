// A worker thread that prepares imports (import-body.ts), so that reading and seeding a transcript of
// tens of megabytes never stops the server's main thread answering everyone else.
import { parentPort } from "node:worker_threads";
import { ImportBodyRefused, prepareImport } from "./import-body";
import type { ImportReply, ImportRequest } from "./import-preparer";

const port = parentPort;
if (!port) throw new Error("import-worker.ts runs as a worker thread");

port.on("message", ({ id, bytes }: ImportRequest) => {
  let reply: ImportReply;
  try {
    reply = { id, prepared: prepareImport(bytes) };
  } catch (error) {
    reply =
      error instanceof ImportBodyRefused
        ? { id, refused: error.message }
        : { id, failed: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  port.postMessage(
    reply,
    "prepared" in reply ? reply.prepared.content.map((slice) => slice.buffer as ArrayBuffer) : [],
  );
});
