import { createHash, randomBytes } from "node:crypto";

/** A random, URL-safe id (16 characters, 96 bits): unguessable, safe in room names and paths. */
export function createId(): string {
  return randomBytes(12).toString("base64url");
}

/** A random secret for session cookies, API tokens and invite links (256 bits). */
export function createSecret(prefix = ""): string {
  return `${prefix}${randomBytes(32).toString("base64url")}`;
}

/**
 * The stored form of a secret. Secrets are random and long, so a fast hash is enough: it only has to
 * stop a leaked database from handing out live sessions or tokens.
 */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}
