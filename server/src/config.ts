import { resolve } from "node:path";

/** Everything the server reads from its environment, with defaults that suit a laptop. */
export interface ServerConfig {
  readonly port: number;
  readonly host: string;
  /** Folder holding the SQLite file; created if missing. */
  readonly dataDir: string;
  /** Largest websocket message accepted, in bytes; a larger one closes the connection (1009). */
  readonly maxMessageBytes: number;
  /** Unload a room this long after its last client left. */
  readonly roomIdleMs: number;
  /** Fold a room's update log into a snapshot after this many updates. */
  readonly compactEvery: number;
  /** SQLite `synchronous` setting: NORMAL survives a process crash, FULL also a power cut. */
  readonly sqliteSynchronous: "NORMAL" | "FULL";
  /** Folder of the built web app to serve, or null to serve no pages. */
  readonly webRoot: string | null;
  readonly logLevel: string;
  /** Who may create an account once the first (administrator) account exists. */
  readonly signup: "invite" | "open";
  /** A session unused for this long signs out. */
  readonly sessionIdleMs: number;
  /** A session ends this long after sign-in, however busy. */
  readonly sessionMaxMs: number;
  /**
   * The address people reach Concord at (`https://concord.example.org`), for invite links and for the
   * cross-site request check behind a proxy. Null: taken from each request's Host header.
   */
  readonly publicUrl: string | null;
  /** The most one document (a transcript with its codings, a codebook) may take in storage, in bytes. */
  readonly maxDocumentBytes: number;
  /** The most all of one project's documents may take in storage, in bytes. */
  readonly maxProjectBytes: number;
  /** Whether a reverse proxy in front sets X-Forwarded-For (sign-in limits then count the client's address). */
  readonly trustProxy: boolean;
  /** How often an open sync connection's session or token is checked again (it closes once expired). */
  readonly credentialCheckMs: number;
}

/** Thrown when an environment variable has a value the server cannot use. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

function integer(env: NodeJS.ProcessEnv, key: string, fallback: number, min: number): number {
  const raw = env[key];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new ConfigError(`${key} must be a whole number of at least ${min}, not "${raw}"`);
  }
  return value;
}

const HOUR = 60 * 60 * 1000;
const MB = 1024 * 1024;

function flag(env: NodeJS.ProcessEnv, key: string): boolean {
  const raw = (env[key] ?? "").toLowerCase();
  if (raw === "" || raw === "0" || raw === "false") return false;
  if (raw === "1" || raw === "true") return true;
  throw new ConfigError(`${key} must be 1 or 0, not "${env[key]}"`);
}

function signupMode(raw: string | undefined): "invite" | "open" {
  const value = (raw || "invite").toLowerCase();
  if (value !== "invite" && value !== "open")
    throw new ConfigError(`SIGNUP must be invite or open, not "${raw}"`);
  return value;
}

function publicUrl(raw: string | undefined): string | null {
  if (!raw) return null;
  try {
    const url = new URL(raw);
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error("not http");
    return url.origin;
  } catch {
    throw new ConfigError(
      `PUBLIC_URL must be an http(s) address such as https://concord.example.org, not "${raw}"`,
    );
  }
}

/** Reads the configuration from `env` (normally `process.env`). */
export function readConfig(env: NodeJS.ProcessEnv, defaults: { webRoot: string | null }): ServerConfig {
  const synchronous = (env.SQLITE_SYNCHRONOUS ?? "NORMAL").toUpperCase();
  if (synchronous !== "NORMAL" && synchronous !== "FULL") {
    throw new ConfigError(`SQLITE_SYNCHRONOUS must be NORMAL or FULL, not "${env.SQLITE_SYNCHRONOUS}"`);
  }
  return {
    port: integer(env, "PORT", 8080, 0),
    host: env.HOST || "127.0.0.1",
    dataDir: resolve(env.DATA_DIR || "data"),
    maxMessageBytes: integer(env, "MAX_MESSAGE_BYTES", 8 * 1024 * 1024, 1024),
    roomIdleMs: integer(env, "ROOM_IDLE_MS", 30_000, 0),
    compactEvery: integer(env, "COMPACT_EVERY", 500, 1),
    sqliteSynchronous: synchronous,
    webRoot: env.WEB_ROOT === undefined ? defaults.webRoot : env.WEB_ROOT || null,
    logLevel: env.LOG_LEVEL || "info",
    signup: signupMode(env.SIGNUP),
    sessionIdleMs: integer(env, "SESSION_IDLE_HOURS", 24 * 14, 1) * HOUR,
    sessionMaxMs: integer(env, "SESSION_MAX_DAYS", 30, 1) * 24 * HOUR,
    publicUrl: publicUrl(env.PUBLIC_URL),
    trustProxy: flag(env, "TRUST_PROXY"),
    maxDocumentBytes: integer(env, "MAX_DOCUMENT_MB", 64, 1) * MB,
    maxProjectBytes: integer(env, "MAX_PROJECT_MB", 2048, 1) * MB,
    credentialCheckMs: 30_000,
  };
}
