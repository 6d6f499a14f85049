import type { Role } from "@concord/schema";
import type { SqliteDatabase } from "../db/database";
import { createId } from "../db/secrets";

/** A place in a project offered to whoever has (or will have) an email address, until they accept. */
export interface MembershipOffer {
  readonly id: string;
  readonly projectId: string;
  readonly projectName: string;
  readonly email: string;
  readonly role: Role;
  readonly offeredBy: string | null;
  readonly offeredByName: string | null;
  readonly createdAt: number;
}

interface OfferRow {
  id: string;
  project_id: string;
  project_name: string;
  email: string;
  role: Role;
  offered_by: string | null;
  offered_by_name: string | null;
  created_at: number;
}

/**
 * Offers of membership by email. Adding someone by email never says whether an account exists, and
 * puts nobody in a project: the person sees the offer once signed in with that email, and accepts
 * or declines it.
 */
export interface OfferStore {
  /** Offers `role` in the project to `email` (a second offer replaces the first). */
  offer(input: { projectId: string; email: string; role: Role; offeredBy: string }): void;
  /** A project's open offers, for its owners. */
  forProject(projectId: string): MembershipOffer[];
  /** The offers made to an email address. */
  forEmail(email: string): MembershipOffer[];
  get(id: string): MembershipOffer | null;
  remove(id: string): boolean;
}

/** The {@link OfferStore} over `db`. */
export function createOfferStore(db: SqliteDatabase, now: () => number = Date.now): OfferStore {
  const upsert = db.prepare(
    `INSERT INTO membership_offers (id, project_id, email, role, offered_by, created_at)
     VALUES (@id, @project_id, @email, @role, @offered_by, @created_at)
     ON CONFLICT (project_id, email) DO UPDATE SET role = excluded.role, offered_by = excluded.offered_by,
       created_at = excluded.created_at`,
  );
  const select = `SELECT o.*, p.name AS project_name, u.name AS offered_by_name FROM membership_offers o
    JOIN projects p ON p.id = o.project_id LEFT JOIN users u ON u.id = o.offered_by`;
  const byProject = db.prepare<[string], OfferRow>(`${select} WHERE o.project_id = ? ORDER BY o.created_at`);
  const byEmail = db.prepare<[string], OfferRow>(
    `${select} WHERE o.email = ? AND p.archived_at IS NULL ORDER BY o.created_at`,
  );
  const byId = db.prepare<[string], OfferRow>(`${select} WHERE o.id = ?`);
  const remove = db.prepare<[string]>("DELETE FROM membership_offers WHERE id = ?");
  const toOffer = (row: OfferRow): MembershipOffer => ({
    id: row.id,
    projectId: row.project_id,
    projectName: row.project_name,
    email: row.email,
    role: row.role,
    offeredBy: row.offered_by,
    offeredByName: row.offered_by_name,
    createdAt: row.created_at,
  });
  return {
    offer(input) {
      upsert.run({
        id: createId(),
        project_id: input.projectId,
        email: input.email.trim().toLowerCase(),
        role: input.role,
        offered_by: input.offeredBy,
        created_at: now(),
      });
    },
    forProject: (projectId) => byProject.all(projectId).map(toOffer),
    forEmail: (email) => byEmail.all(email.trim().toLowerCase()).map(toOffer),
    get: (id) => {
      const row = byId.get(id);
      return row ? toOffer(row) : null;
    },
    remove: (id) => remove.run(id).changes > 0,
  };
}
