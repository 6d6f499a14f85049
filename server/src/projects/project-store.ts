import type { Role } from "@concord/schema";
import type { SqliteDatabase } from "../db/database";
import { writeTransaction } from "../db/database";
import { createId } from "../db/secrets";

/** A project, as its members see it. */
export interface Project {
  readonly id: string;
  readonly name: string;
  readonly createdAt: number;
  readonly archivedAt: number | null;
  readonly codebookLocked: boolean;
}

/** A project together with the viewer's role in it. */
export interface ProjectWithRole extends Project {
  readonly role: Role;
}

/** A member of a project. */
export interface Member {
  readonly userId: string;
  readonly name: string;
  readonly email: string;
  readonly role: Role;
  readonly addedAt: number;
}

interface ProjectRow {
  id: string;
  name: string;
  created_at: number;
  archived_at: number | null;
  codebook_locked: number;
}

function toProject(row: ProjectRow): Project {
  return {
    id: row.id,
    name: row.name,
    createdAt: row.created_at,
    archivedAt: row.archived_at,
    codebookLocked: row.codebook_locked === 1,
  };
}

/** Thrown when a change would leave a project without an owner. */
export class LastOwnerError extends Error {
  override readonly name = "LastOwnerError";
}

/** Projects and their memberships in SQLite. */
export interface ProjectStore {
  /** Creates a project with `ownerId` as its first owner. */
  create(name: string, ownerId: string): Project;
  get(id: string): Project | null;
  listFor(userId: string): ProjectWithRole[];
  listAll(): Project[];
  update(id: string, change: { name?: string; archived?: boolean; codebookLocked?: boolean }): Project | null;
  roleOf(projectId: string, userId: string): Role | null;
  members(projectId: string): Member[];
  /** Adds a member, or changes the role of an existing one. Refuses to demote the last owner. */
  setRole(projectId: string, userId: string, role: Role): void;
  /** Removes a member. Refuses to remove the last owner. False if they were not a member. */
  removeMember(projectId: string, userId: string): boolean;
}

/** The {@link ProjectStore} over `db`. */
export function createProjectStore(db: SqliteDatabase): ProjectStore {
  const insertProject = db.prepare(
    "INSERT INTO projects (id, name, created_by, created_at) VALUES (?, ?, ?, ?)",
  );
  const byId = db.prepare<[string], ProjectRow>("SELECT * FROM projects WHERE id = ?");
  const all = db.prepare<[], ProjectRow>("SELECT * FROM projects ORDER BY created_at");
  const forUser = db.prepare<[string], ProjectRow & { role: Role }>(
    `SELECT p.*, m.role FROM projects p JOIN memberships m ON m.project_id = p.id
     WHERE m.user_id = ? ORDER BY p.archived_at IS NOT NULL, p.name COLLATE NOCASE`,
  );
  const role = db
    .prepare<[string, string], Role>("SELECT role FROM memberships WHERE project_id = ? AND user_id = ?")
    .pluck();
  const members = db.prepare<
    [string],
    { user_id: string; name: string; email: string; role: Role; added_at: number }
  >(
    `SELECT m.user_id, u.name, u.email, m.role, m.added_at FROM memberships m JOIN users u ON u.id = m.user_id
     WHERE m.project_id = ? ORDER BY CASE m.role WHEN 'owner' THEN 0 WHEN 'coder' THEN 1 ELSE 2 END, u.name COLLATE NOCASE`,
  );
  const owners = db
    .prepare<[string], number>("SELECT count(*) FROM memberships WHERE project_id = ? AND role = 'owner'")
    .pluck();
  const upsertMember = db.prepare(
    `INSERT INTO memberships (project_id, user_id, role, added_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (project_id, user_id) DO UPDATE SET role = excluded.role`,
  );
  const deleteMember = db.prepare<[string, string]>(
    "DELETE FROM memberships WHERE project_id = ? AND user_id = ?",
  );
  const rename = db.prepare<[string, string]>("UPDATE projects SET name = ? WHERE id = ?");
  const archive = db.prepare<[number | null, string]>("UPDATE projects SET archived_at = ? WHERE id = ?");
  const lock = db.prepare<[number, string]>("UPDATE projects SET codebook_locked = ? WHERE id = ?");

  const wouldLoseLastOwner = (projectId: string, userId: string) =>
    role.get(projectId, userId) === "owner" && owners.get(projectId) === 1;

  return {
    create: writeTransaction(db, (name: string, ownerId: string) => {
      const id = createId();
      const at = Date.now();
      insertProject.run(id, name.trim(), ownerId, at);
      upsertMember.run(id, ownerId, "owner", at);
      return toProject(byId.get(id) as ProjectRow);
    }),
    get: (id) => {
      const row = byId.get(id);
      return row ? toProject(row) : null;
    },
    listFor: (userId) => forUser.all(userId).map((row) => ({ ...toProject(row), role: row.role })),
    listAll: () => all.all().map(toProject),
    update: writeTransaction(
      db,
      (id: string, change: { name?: string; archived?: boolean; codebookLocked?: boolean }) => {
        if (!byId.get(id)) return null;
        if (change.name !== undefined) rename.run(change.name.trim(), id);
        if (change.archived !== undefined) archive.run(change.archived ? Date.now() : null, id);
        if (change.codebookLocked !== undefined) lock.run(change.codebookLocked ? 1 : 0, id);
        return toProject(byId.get(id) as ProjectRow);
      },
    ),
    roleOf: (projectId, userId) => role.get(projectId, userId) ?? null,
    members: (projectId) =>
      members.all(projectId).map((row) => ({
        userId: row.user_id,
        name: row.name,
        email: row.email,
        role: row.role,
        addedAt: row.added_at,
      })),
    setRole: writeTransaction(db, (projectId: string, userId: string, newRole: Role) => {
      if (newRole !== "owner" && wouldLoseLastOwner(projectId, userId)) {
        throw new LastOwnerError("A project needs at least one owner. Make someone else an owner first.");
      }
      upsertMember.run(projectId, userId, newRole, Date.now());
    }),
    removeMember: writeTransaction(db, (projectId: string, userId: string) => {
      if (wouldLoseLastOwner(projectId, userId)) {
        throw new LastOwnerError("A project needs at least one owner. Make someone else an owner first.");
      }
      return deleteMember.run(projectId, userId).changes === 1;
    }),
  };
}
