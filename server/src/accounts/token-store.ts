import type { SqliteDatabase } from "../db/database";
import { createId, createSecret, hashSecret } from "../db/secrets";

/** Every personal API token starts with this, so leaked tokens are easy to recognise and scan for. */
export const TOKEN_PREFIX = "concord_pat_";

/** A personal API token as listed to its owner (never the secret itself after creation). */
export interface ApiToken {
  readonly id: string;
  readonly name: string;
  readonly createdAt: number;
  readonly expiresAt: number | null;
  readonly lastUsedAt: number | null;
  readonly revokedAt: number | null;
}

interface TokenRow {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: number;
  expires_at: number | null;
  last_used_at: number | null;
  revoked_at: number | null;
}

function toToken(row: TokenRow): ApiToken {
  return {
    id: row.id,
    name: row.name,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

/** Personal API tokens for scripts, stored hashed. */
export interface TokenStore {
  /** Creates a token and returns its secret, shown to the person once. */
  create(userId: string, name: string, expiresAt: number | null): { token: string; record: ApiToken };
  list(userId: string): ApiToken[];
  /** Revokes one of the user's tokens. False if the user has no such live token. */
  revoke(userId: string, id: string): boolean;
  /** The user and token ids of a live token, or null if unknown, expired or revoked. */
  resolve(token: string): { userId: string; tokenId: string } | null;
}

/** The {@link TokenStore} over `db`. */
export function createTokenStore(db: SqliteDatabase, now: () => number = Date.now): TokenStore {
  const insert = db.prepare(
    `INSERT INTO api_tokens (id, user_id, name, token_hash, created_at, expires_at)
     VALUES (@id, @user_id, @name, @token_hash, @created_at, @expires_at)`,
  );
  const byUser = db.prepare<[string], TokenRow>(
    "SELECT * FROM api_tokens WHERE user_id = ? ORDER BY created_at DESC",
  );
  const byHash = db.prepare<[string], TokenRow>("SELECT * FROM api_tokens WHERE token_hash = ?");
  const revoke = db.prepare<[number, string, string]>(
    "UPDATE api_tokens SET revoked_at = ? WHERE user_id = ? AND id = ? AND revoked_at IS NULL",
  );
  const used = db.prepare<[number, string]>("UPDATE api_tokens SET last_used_at = ? WHERE id = ?");
  return {
    create(userId, name, expiresAt) {
      const token = createSecret(TOKEN_PREFIX);
      const row: TokenRow = {
        id: createId(),
        user_id: userId,
        name: name.trim(),
        token_hash: hashSecret(token),
        created_at: now(),
        expires_at: expiresAt,
        last_used_at: null,
        revoked_at: null,
      };
      insert.run(row);
      return { token, record: toToken(row) };
    },
    list: (userId) => byUser.all(userId).map(toToken),
    revoke: (userId, id) => revoke.run(now(), userId, id).changes === 1,
    resolve(token) {
      if (!token.startsWith(TOKEN_PREFIX)) return null;
      const row = byHash.get(hashSecret(token));
      const at = now();
      if (!row || row.revoked_at !== null || (row.expires_at !== null && row.expires_at <= at)) return null;
      if (row.last_used_at === null || at - row.last_used_at > 60_000) used.run(at, row.id);
      return { userId: row.user_id, tokenId: row.id };
    },
  };
}
