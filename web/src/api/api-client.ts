import { TakenOnce } from "../components/taken-once";

/** An error answer from Concord's API: `message` is written for people and safe to show. */
export class ApiRequestError extends Error {
  override readonly name = "ApiRequestError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** GET requests started before the page asked for them, by path; one not taken within 15 s is dropped. */
const early = new TakenOnce<Promise<Response>>(15_000);

/**
 * Starts GET requests a page is about to make, so they travel while the app's code starts; the
 * page's own {@link api} call then takes the answer.
 */
export function prefetch(paths: readonly string[]): void {
  for (const path of paths) {
    if (early.has(path)) continue;
    const response = fetch(`/api${path}`, { credentials: "same-origin" });
    // A failed early request is no error of its own: the page's call asks again.
    response.catch(() => undefined);
    early.put(path, response);
  }
}

function send(method: string, path: string, body: unknown): Promise<Response> {
  const started = method === "GET" && body === undefined ? early.take(path) : undefined;
  if (started) return started.catch(() => send(method, path, body));
  return fetch(`/api${path}`, {
    method,
    credentials: "same-origin",
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? null : JSON.stringify(body),
  });
}

/**
 * Calls the JSON API on the same origin with the session cookie. Resolves with the parsed body, or
 * rejects with an {@link ApiRequestError} carrying the server's message (or a plain-words one when
 * the server cannot be reached).
 */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await send(method, path, body);
  } catch {
    throw new ApiRequestError(
      0,
      "network",
      "Cannot reach the Concord server. Check your connection and try again.",
    );
  }
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  if (!response.ok) {
    const error = (parsed ?? {}) as { error?: string; message?: string };
    throw new ApiRequestError(
      response.status,
      error.error ?? "error",
      error.message ?? `The server answered ${response.status}. Try again in a moment.`,
    );
  }
  return parsed as T;
}

/** The signed-in user as the API describes them. */
export interface CurrentUser {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly isAdmin: boolean;
}

/** A project with the viewer's role. */
export interface ProjectSummary {
  readonly id: string;
  readonly name: string;
  readonly role: "owner" | "coder" | "observer";
  readonly createdAt: number;
  readonly archivedAt: number | null;
  readonly codebookLocked: boolean;
}

/** A member of a project. */
export interface Member {
  readonly userId: string;
  readonly name: string;
  readonly email: string;
  readonly role: "owner" | "coder" | "observer";
  readonly addedAt: number;
}

/** An invite link as owners see it (the secret only at creation). */
export interface InviteSummary {
  readonly id: string;
  readonly role: "owner" | "coder" | "observer";
  readonly createdAt: number;
  readonly expiresAt: number;
  readonly revokedAt: number | null;
  readonly acceptedCount: number;
}

/** A personal API token as listed. */
export interface TokenSummary {
  readonly id: string;
  readonly name: string;
  readonly createdAt: number;
  readonly expiresAt: number | null;
  readonly lastUsedAt: number | null;
  readonly revokedAt: number | null;
}
