import type { SeedBlock } from "@concord/schema";
import { formatRoomName, seedTranscriptUpdate } from "@concord/schema";
import type { SqliteDatabase } from "../db/database";
import { writeTransaction } from "../db/database";
import { createId } from "../db/secrets";
import { appendUpdateNow } from "../db/sqlite-document-storage";

/** Facts about a participant or an interview (role, site, organisation), for comparing groups. */
export type TranscriptAttributes = Readonly<Record<string, string>>;

/** A transcript as listed in its project. Its text lives in its own room document. */
export interface Transcript {
  readonly id: string;
  readonly projectId: string;
  readonly name: string;
  readonly sourceFormat: string;
  readonly speakers: readonly string[];
  readonly turns: number;
  readonly words: number;
  readonly attributes: TranscriptAttributes;
  readonly createdBy: string | null;
  readonly createdAt: number;
}

interface TranscriptRow {
  id: string;
  project_id: string;
  name: string;
  source_format: string;
  speakers: string;
  turns: number;
  words: number;
  attributes: string;
  created_by: string | null;
  created_at: number;
  deleted_at: number | null;
}

function toTranscript(row: TranscriptRow): Transcript {
  return {
    id: row.id,
    projectId: row.project_id,
    name: row.name,
    sourceFormat: row.source_format,
    speakers: JSON.parse(row.speakers) as string[],
    turns: row.turns,
    words: row.words,
    attributes: JSON.parse(row.attributes) as TranscriptAttributes,
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}

/**
 * What creating a transcript needs: its listing facts, and its blocks or the update that seeds its
 * content from them (`seedTranscriptUpdate`, made off the main thread for a large import).
 */
export type NewTranscript = TranscriptListing & { readonly blocks: readonly SeedBlock[] };

/** A transcript whose content is already seeded, as slices of updates (`seedTranscriptUpdates`). */
export type SeededTranscript = TranscriptListing & { readonly content: readonly Uint8Array[] };

interface TranscriptListing {
  readonly projectId: string;
  readonly name: string;
  readonly sourceFormat: string;
  readonly speakers: readonly string[];
  readonly turns: number;
  readonly words: number;
  readonly attributes?: TranscriptAttributes;
  readonly createdBy: string | null;
}

/** Transcripts of projects: rows in SQLite, text seeded into each transcript's room. */
export interface TranscriptStore {
  /**
   * Creates a transcript: its row and its seeded text commit in one transaction, so a failure
   * leaves nothing behind.
   */
  create(input: NewTranscript): Transcript;
  /**
   * Creates a transcript from seeded slices, storing one slice at a time so that a large import
   * never holds the server up; the transcript's row comes last, so nobody sees it half written. If
   * the server stops in between, the slices belong to no transcript: {@link removeUnlisted} clears
   * them.
   */
  createFromSlices(input: SeededTranscript): Promise<Transcript>;
  /** Removes stored content of transcript rooms that have no transcript row (an import cut short). */
  removeUnlisted(): number;
  list(projectId: string): Transcript[];
  get(projectId: string, id: string): Transcript | null;
  update(
    projectId: string,
    id: string,
    change: { name?: string; attributes?: TranscriptAttributes },
  ): Transcript | null;
  /** Hides a transcript (its document stays in storage, recoverable by an administrator). */
  remove(projectId: string, id: string): boolean;
}

/** The {@link TranscriptStore} over `db`. */
export function createTranscriptStore(db: SqliteDatabase): TranscriptStore {
  const insert = db.prepare(
    `INSERT INTO transcripts (id, project_id, name, source_format, speakers, turns, words, attributes, created_by, created_at)
     VALUES (@id, @project_id, @name, @source_format, @speakers, @turns, @words, @attributes, @created_by, @created_at)`,
  );
  const byProject = db.prepare<[string], TranscriptRow>(
    "SELECT * FROM transcripts WHERE project_id = ? AND deleted_at IS NULL ORDER BY created_at, name",
  );
  const byId = db.prepare<[string, string], TranscriptRow>(
    "SELECT * FROM transcripts WHERE project_id = ? AND id = ? AND deleted_at IS NULL",
  );
  const rename = db.prepare<[string, string, string]>(
    "UPDATE transcripts SET name = ? WHERE project_id = ? AND id = ?",
  );
  const setAttributes = db.prepare<[string, string, string]>(
    "UPDATE transcripts SET attributes = ? WHERE project_id = ? AND id = ?",
  );
  const hide = db.prepare<[number, string, string]>(
    "UPDATE transcripts SET deleted_at = ? WHERE project_id = ? AND id = ? AND deleted_at IS NULL",
  );
  const unlisted = db.prepare(
    `DELETE FROM document_updates WHERE room LIKE 'transcript.%' AND room NOT IN
       (SELECT 'transcript.' || project_id || '.' || id FROM transcripts)`,
  );
  const newRow = (input: TranscriptListing): TranscriptRow => ({
    id: createId(),
    project_id: input.projectId,
    name: input.name.trim(),
    source_format: input.sourceFormat,
    speakers: JSON.stringify(input.speakers),
    turns: input.turns,
    words: input.words,
    attributes: JSON.stringify(input.attributes ?? {}),
    created_by: input.createdBy,
    created_at: Date.now(),
    deleted_at: null,
  });
  const roomOf = (row: TranscriptRow) =>
    formatRoomName({ kind: "transcript", projectId: row.project_id, transcriptId: row.id });
  return {
    create: writeTransaction(db, (input: NewTranscript) => {
      const row = newRow(input);
      insert.run(row);
      appendUpdateNow(db, roomOf(row), seedTranscriptUpdate(input.blocks));
      return toTranscript(row);
    }),
    async createFromSlices(input) {
      const row = newRow(input);
      for (const slice of input.content) {
        appendUpdateNow(db, roomOf(row), slice);
        await new Promise((resolve) => setImmediate(resolve));
      }
      const listed = { ...row, created_at: Date.now() };
      insert.run(listed);
      return toTranscript(listed);
    },
    removeUnlisted: () => unlisted.run().changes,
    list: (projectId) => byProject.all(projectId).map(toTranscript),
    get: (projectId, id) => {
      const row = byId.get(projectId, id);
      return row ? toTranscript(row) : null;
    },
    update: writeTransaction(
      db,
      (projectId: string, id: string, change: { name?: string; attributes?: TranscriptAttributes }) => {
        if (!byId.get(projectId, id)) return null;
        if (change.name !== undefined) rename.run(change.name.trim(), projectId, id);
        if (change.attributes !== undefined)
          setAttributes.run(JSON.stringify(change.attributes), projectId, id);
        return toTranscript(byId.get(projectId, id) as TranscriptRow);
      },
    ),
    remove: (projectId, id) => hide.run(Date.now(), projectId, id).changes === 1,
  };
}
