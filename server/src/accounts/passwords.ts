import { hash, verify } from "@node-rs/argon2";

// The library exports its algorithms as an ambient const enum, which isolated modules cannot read.
const ARGON2ID = 2;

/** Shortest and longest password accepted. */
export const PASSWORD_LIMITS = { min: 10, max: 256 } as const;

/** Hashes a password with argon2id and the library's recommended costs. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID });
}

/** Whether `password` matches `passwordHash`; false (never an exception) for a malformed hash. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Why a new password is not acceptable, in words for the person choosing it; null when it is fine. */
export function passwordProblem(password: string, email: string): string | null {
  if (password.length < PASSWORD_LIMITS.min) {
    return `Choose a password of at least ${PASSWORD_LIMITS.min} characters.`;
  }
  if (password.length > PASSWORD_LIMITS.max) {
    return `Choose a password of at most ${PASSWORD_LIMITS.max} characters.`;
  }
  if (password.trim().toLowerCase() === email.trim().toLowerCase()) {
    return "Your password must not be your email address.";
  }
  return null;
}

/** A hash of nothing, verified against when an account does not exist, so timing reveals nothing. */
let decoyHash: Promise<string> | null = null;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword("decoy password that no account has");
  return decoyHash;
}
