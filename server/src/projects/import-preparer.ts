import { Worker } from "node:worker_threads";
import { ImportBodyRefused, type PreparedImport } from "./import-body";

/** What the server sends its import worker: one request body, moved (not copied) to the worker. */
export interface ImportRequest {
  readonly id: number;
  readonly bytes: Uint8Array;
}

/** What the import worker answers. */
export type ImportReply =
  | { readonly id: number; readonly prepared: PreparedImport }
  | { readonly id: number; readonly refused: string }
  | { readonly id: number; readonly failed: string };

/** Prepares import bodies off the main thread; see {@link createImportPreparer}. */
export interface ImportPreparer {
  /**
   * Reads, checks and seeds an import body (`prepareImport`) in a worker thread. `bytes` are moved
   * to the worker and unusable afterwards. Rejects with `ImportBodyRefused` for a body that is not
   * a valid import.
   */
  prepare(bytes: Uint8Array): Promise<PreparedImport>;
  /** Stops the worker; pending preparations are rejected. */
  close(): Promise<void>;
}

/**
 * Where the worker's code is: beside the bundle in a build (`dist/import-worker.js`), or the
 * TypeScript source run through tsx (tests and `pnpm dev`).
 */
function workerEntry(): URL {
  return import.meta.url.endsWith(".ts")
    ? new URL("./import-worker-source.mjs", import.meta.url)
    : new URL("./import-worker.js", import.meta.url);
}

/**
 * One worker thread, started on the first import and kept (unreferenced, so it never holds the
 * process open) for the next; imports queue in it one at a time. A worker that dies fails what it
 * had and is replaced on the next import.
 */
export function createImportPreparer(): ImportPreparer {
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, { resolve: (p: PreparedImport) => void; reject: (e: Error) => void }>();

  const failAll = (error: Error) => {
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
  };
  const start = (): Worker => {
    const started = new Worker(workerEntry());
    started.unref();
    started.on("message", (reply: ImportReply) => {
      const waiting = pending.get(reply.id);
      if (!waiting) return;
      pending.delete(reply.id);
      if (pending.size === 0) started.unref();
      if ("prepared" in reply) waiting.resolve(reply.prepared);
      else if ("refused" in reply) waiting.reject(new ImportBodyRefused(reply.refused));
      else waiting.reject(new Error(`Preparing an import failed: ${reply.failed}`));
    });
    started.on("error", (error) => {
      if (worker === started) worker = null;
      failAll(error);
    });
    started.on("exit", (code) => {
      if (worker === started) worker = null;
      failAll(new Error(`The import worker stopped (exit code ${code}).`));
    });
    return started;
  };

  return {
    prepare(bytes) {
      worker ??= start();
      const id = nextId++;
      const promise = new Promise<PreparedImport>((resolve, reject) => pending.set(id, { resolve, reject }));
      worker.ref();
      // Only a view of a whole buffer of its own can be moved (Node's small Buffers share a pool).
      const own =
        bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
      const request: ImportRequest = { id, bytes: own };
      worker.postMessage(request, [own.buffer as ArrayBuffer]);
      return promise;
    },
    async close() {
      const stopping = worker;
      worker = null;
      if (stopping) await stopping.terminate();
      failAll(new Error("The server is stopping."));
    },
  };
}
