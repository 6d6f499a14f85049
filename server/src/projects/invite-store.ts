import type { Role } from "@concord/schema";
import type { SqliteDatabase } from "../db/database";
import { createId, createSecret, hashSecret } from "../db/secrets";

/** An invite link as its project's owners see it. The secret is shown once, at creation. */
export interface Invite {
  readonly id: string;
  readonly projectId: string;
  readonly role: Role;
  readonly createdAt: number;
  readonly expiresAt: number;
  readonly revokedAt: number | null;
  readonly acceptedCount: number;
}

interface InviteRow {
  id: string;
  project_id: string;
  token_hash: string;
  role: Role;
  created_by: string | null;
  created_at: number;
  expires_at: number;
  revoked_at: number | null;
  accepted_count: number;
}

function toInvite(row: InviteRow): Invite {
  return {
    id: row.id,
    projectId: row.project_id,
    role: row.role,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    acceptedCount: row.accepted_count,
  };
}

/** Invite links: anyone holding one may join its project with its role until it expires or is revoked. */
export interface InviteStore {
  create(input: { projectId: string; role: Role; createdBy: string; expiresAt: number }): {
    token: string;
    invite: Invite;
  };
  list(projectId: string): Invite[];
  revoke(projectId: string, id: string): boolean;
  /** The live invite for a link's secret, or null if unknown, expired or revoked. */
  resolve(token: string): Invite | null;
  recordAcceptance(id: string): void;
}

/** The {@link InviteStore} over `db`. */
export function createInviteStore(db: SqliteDatabase, now: () => number = Date.now): InviteStore {
  const insert = db.prepare(
    `INSERT INTO invites (id, project_id, token_hash, role, created_by, created_at, expires_at)
     VALUES (@id, @project_id, @token_hash, @role, @created_by, @created_at, @expires_at)`,
  );
  const byProject = db.prepare<[string], InviteRow>(
    "SELECT * FROM invites WHERE project_id = ? ORDER BY created_at DESC",
  );
  const byHash = db.prepare<[string], InviteRow>("SELECT * FROM invites WHERE token_hash = ?");
  const revoke = db.prepare<[number, string, string]>(
    "UPDATE invites SET revoked_at = ? WHERE project_id = ? AND id = ? AND revoked_at IS NULL",
  );
  const accepted = db.prepare<[string]>(
    "UPDATE invites SET accepted_count = accepted_count + 1 WHERE id = ?",
  );
  return {
    create(input) {
      const token = createSecret();
      const row: InviteRow = {
        id: createId(),
        project_id: input.projectId,
        token_hash: hashSecret(token),
        role: input.role,
        created_by: input.createdBy,
        created_at: now(),
        expires_at: input.expiresAt,
        revoked_at: null,
        accepted_count: 0,
      };
      insert.run(row);
      return { token, invite: toInvite(row) };
    },
    list: (projectId) => byProject.all(projectId).map(toInvite),
    revoke: (projectId, id) => revoke.run(now(), projectId, id).changes === 1,
    resolve(token) {
      const row = byHash.get(hashSecret(token));
      if (!row || row.revoked_at !== null || row.expires_at <= now()) return null;
      return toInvite(row);
    },
    recordAcceptance: (id) => {
      accepted.run(id);
    },
  };
}
