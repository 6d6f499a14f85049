import { parseRoomName } from "@concord/schema";
import type { SqliteDatabase } from "../db/database";

/**
 * What each project's documents take in storage, against a quota. Counted from SQLite at most every
 * `refreshMs` per project, and in between by adding what is stored, so a check costs no query.
 */
export interface ProjectStorage {
  /** Bytes a project's documents take (snapshots and logs of its project, transcript, discussion and layer rooms). */
  bytesOf(projectId: string): number;
  /** Why storing `bytes` more in `room` would break its project's quota, or null (and then counts them). */
  admit(room: string, bytes: number): string | null;
}

/** The {@link ProjectStorage} over `db`, with a quota of `maxBytes` per project. */
export function createProjectStorage(
  db: SqliteDatabase,
  maxBytes: number,
  options: { refreshMs?: number; now?: () => number } = {},
): ProjectStorage {
  const refreshMs = options.refreshMs ?? 30_000;
  const now = options.now ?? Date.now;
  // Ids may hold "_", which LIKE reads as any character: escaped, so no other project's rooms match.
  const patterns = (p: string) => {
    const literal = p.replace(/[\\%_]/g, (c) => `\\${c}`);
    return [
      `project.${p}`,
      `transcript.${literal}.%`,
      `discussion.${p}`,
      `discussion.${literal}.%`,
      `layer.${literal}.%`,
    ];
  };
  const like = "LIKE ? ESCAPE '\\'";
  const where = `room = ? OR room ${like} OR room = ? OR room ${like} OR room ${like}`;
  const count = db
    .prepare<string[], number>(
      `SELECT (SELECT coalesce(sum(length(data)), 0) FROM document_updates WHERE ${where})
            + (SELECT coalesce(sum(length(data)), 0) FROM document_snapshots WHERE ${where})`,
    )
    .pluck();
  const known = new Map<string, { bytes: number; at: number }>();
  const bytesOf = (projectId: string): number => {
    const entry = known.get(projectId);
    if (entry && now() - entry.at < refreshMs) return entry.bytes;
    const bytes = count.get(...patterns(projectId), ...patterns(projectId)) ?? 0;
    known.set(projectId, { bytes, at: now() });
    return bytes;
  };
  return {
    bytesOf,
    admit(room, bytes) {
      const name = parseRoomName(room);
      if (!name || name.kind === "inbox") return null;
      const used = bytesOf(name.projectId);
      if (used + bytes > maxBytes) {
        return `this project is at its storage limit of ${Math.round(maxBytes / (1024 * 1024))} MB`;
      }
      known.set(name.projectId, { bytes: used + bytes, at: known.get(name.projectId)?.at ?? now() });
      return null;
    },
  };
}
