import type { SqliteDatabase } from "./database";

/** One thing that happened, for the project's history and for administrators. */
export interface AuditEntry {
  readonly actorId: string | null;
  readonly action: string;
  readonly projectId?: string | null;
  /** What was acted on: a user id, an invite id, a token id. */
  readonly subject?: string | null;
  /** Small structured detail (never passwords, tokens or document content). */
  readonly detail?: Record<string, unknown>;
}

/** Appends entries to the audit log. */
export interface AuditLog {
  record(entry: AuditEntry): void;
  /** Newest first. */
  forProject(projectId: string, limit?: number): (AuditEntry & { at: number })[];
}

/** The {@link AuditLog} over `db`. */
export function createAuditLog(db: SqliteDatabase): AuditLog {
  const insert = db.prepare(
    "INSERT INTO audit_log (at, actor_id, action, project_id, subject, detail) VALUES (?, ?, ?, ?, ?, ?)",
  );
  const byProject = db.prepare<
    [string, number],
    {
      at: number;
      actor_id: string | null;
      action: string;
      project_id: string;
      subject: string | null;
      detail: string | null;
    }
  >("SELECT * FROM audit_log WHERE project_id = ? ORDER BY id DESC LIMIT ?");
  return {
    record(entry) {
      insert.run(
        Date.now(),
        entry.actorId,
        entry.action,
        entry.projectId ?? null,
        entry.subject ?? null,
        entry.detail ? JSON.stringify(entry.detail) : null,
      );
    },
    forProject: (projectId, limit = 100) =>
      byProject.all(projectId, limit).map((row) => ({
        at: row.at,
        actorId: row.actor_id,
        action: row.action,
        projectId: row.project_id,
        subject: row.subject,
        detail: row.detail ? (JSON.parse(row.detail) as Record<string, unknown>) : {},
      })),
  };
}
