/** One step of the schema, applied once, in order, inside a transaction. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** The schema's history. Append only: never edit a migration that has shipped. */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: "document log and snapshots",
    sql: `
      CREATE TABLE document_updates (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        room TEXT NOT NULL,
        data BLOB NOT NULL
      );
      CREATE INDEX document_updates_by_room ON document_updates (room, seq);
      CREATE TABLE document_snapshots (
        room TEXT PRIMARY KEY,
        data BLOB NOT NULL,
        through_seq INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: "accounts, projects, memberships, invites, tokens, audit log",
    sql: `
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        email TEXT NOT NULL UNIQUE COLLATE NOCASE,
        name TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        is_admin INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        password_changed_at INTEGER NOT NULL
      );
      CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        created_at INTEGER NOT NULL,
        last_seen_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        user_agent TEXT
      );
      CREATE INDEX sessions_by_user ON sessions (user_id);
      CREATE TABLE api_tokens (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        token_hash TEXT NOT NULL UNIQUE,
        created_at INTEGER NOT NULL,
        expires_at INTEGER,
        last_used_at INTEGER,
        revoked_at INTEGER
      );
      CREATE INDEX api_tokens_by_user ON api_tokens (user_id);
      CREATE TABLE projects (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
        created_at INTEGER NOT NULL,
        archived_at INTEGER,
        codebook_locked INTEGER NOT NULL DEFAULT 0
      );
      CREATE TABLE memberships (
        project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
        user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        role TEXT NOT NULL CHECK (role IN ('owner', 'coder', 'observer')),
        added_at INTEGER NOT NULL,
        PRIMARY KEY (project_id, user_id)
      );
      CREATE INDEX memberships_by_user ON memberships (user_id);
      CREATE TABLE invites (
        id TEXT PRIMARY KEY,
        project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
        token_hash TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL CHECK (role IN ('owner', 'coder', 'observer')),
        created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        revoked_at INTEGER,
        accepted_count INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX invites_by_project ON invites (project_id);
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        actor_id TEXT,
        action TEXT NOT NULL,
        project_id TEXT,
        subject TEXT,
        detail TEXT
      );
      CREATE INDEX audit_log_by_project ON audit_log (project_id, at);
    `,
  },
  {
    version: 3,
    name: "transcripts",
    sql: `
      CREATE TABLE transcripts (
        id TEXT PRIMARY KEY,
        project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        source_format TEXT NOT NULL,
        speakers TEXT NOT NULL,
        turns INTEGER NOT NULL,
        words INTEGER NOT NULL,
        attributes TEXT NOT NULL DEFAULT '{}',
        created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
        created_at INTEGER NOT NULL,
        deleted_at INTEGER
      );
      CREATE INDEX transcripts_by_project ON transcripts (project_id, created_at);
    `,
  },
  {
    version: 4,
    name: "notifications",
    sql: `
      CREATE TABLE notifications (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
        transcript_id TEXT,
        thread_id TEXT NOT NULL,
        comment_id TEXT NOT NULL,
        actor_id TEXT REFERENCES users (id) ON DELETE SET NULL,
        excerpt TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        read_at INTEGER
      );
      CREATE INDEX notifications_by_user ON notifications (user_id, created_at);
    `,
  },
  {
    version: 5,
    name: "refused writes, coding removals, kinds of notification",
    sql: `
      CREATE TABLE refused_writes (
        room TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('client', 'deletion')),
        client INTEGER NOT NULL,
        clock INTEGER NOT NULL,
        len INTEGER NOT NULL DEFAULT 0,
        refused_at INTEGER NOT NULL
      );
      CREATE INDEX refused_writes_by_room ON refused_writes (room);
      CREATE TABLE coding_removals (
        id TEXT PRIMARY KEY,
        project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
        transcript_id TEXT NOT NULL,
        coding_id TEXT NOT NULL,
        code_id TEXT,
        coder_id TEXT NOT NULL,
        removed_by TEXT REFERENCES users (id) ON DELETE SET NULL,
        quote TEXT NOT NULL,
        removed_at INTEGER NOT NULL
      );
      CREATE INDEX coding_removals_by_transcript ON coding_removals (project_id, transcript_id, removed_at);
      ALTER TABLE notifications ADD COLUMN kind TEXT NOT NULL DEFAULT 'mention';
    `,
  },
  {
    version: 6,
    name: "sign-in attempts",
    sql: `
      CREATE TABLE sign_in_attempts (
        key TEXT NOT NULL,
        at INTEGER NOT NULL
      );
      CREATE INDEX sign_in_attempts_by_key ON sign_in_attempts (key, at);
    `,
  },
  {
    version: 7,
    name: "membership offers by email",
    sql: `
      CREATE TABLE membership_offers (
        id TEXT PRIMARY KEY,
        project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
        email TEXT NOT NULL COLLATE NOCASE,
        role TEXT NOT NULL CHECK (role IN ('owner', 'coder', 'observer')),
        offered_by TEXT REFERENCES users (id) ON DELETE SET NULL,
        created_at INTEGER NOT NULL,
        UNIQUE (project_id, email)
      );
      CREATE INDEX membership_offers_by_email ON membership_offers (email);
    `,
  },
  {
    version: 8,
    name: "who writes with each client id",
    sql: `
      CREATE TABLE document_clients (
        room TEXT NOT NULL,
        client INTEGER NOT NULL,
        principal TEXT NOT NULL,
        PRIMARY KEY (room, client)
      );
    `,
  },
  {
    version: 9,
    name: "document migrations done",
    sql: `
      CREATE TABLE document_migrations (
        name TEXT PRIMARY KEY,
        done_at INTEGER NOT NULL
      );
    `,
  },
  {
    version: 10,
    name: "refused writes bind their writer only",
    // Refusals from before named no writer, so anyone's could block everyone: they are dropped.
    sql: `
      DELETE FROM refused_writes;
      ALTER TABLE refused_writes ADD COLUMN principal TEXT NOT NULL DEFAULT '';
      CREATE INDEX refused_writes_by_writer ON refused_writes (room, principal);
    `,
  },
  {
    version: 11,
    name: "coding rounds",
    sql: `
      CREATE TABLE rounds (
        id TEXT PRIMARY KEY,
        project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        code_ids TEXT,
        monitor INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('open', 'closed', 'revealed')),
        created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
        created_at INTEGER NOT NULL,
        closed_at INTEGER,
        revealed_at INTEGER
      );
      CREATE INDEX rounds_by_project ON rounds (project_id, created_at);
      CREATE TABLE round_transcripts (
        round_id TEXT NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
        transcript_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        PRIMARY KEY (round_id, transcript_id)
      );
      CREATE TABLE round_coders (
        round_id TEXT NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
        user_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        PRIMARY KEY (round_id, user_id)
      );
    `,
  },
  {
    version: 12,
    name: "consensus meetings",
    // A meeting keeps the agenda it started with (items are decided by their id); every attempt to
    // decide an item is a row, the ones that lost a race or were replaced included.
    sql: `
      CREATE TABLE meetings (
        id TEXT PRIMARY KEY,
        project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
        round_id TEXT REFERENCES rounds (id) ON DELETE SET NULL,
        title TEXT NOT NULL,
        tolerance TEXT NOT NULL,
        agenda TEXT NOT NULL,
        facilitator_id TEXT,
        attendees_decide INTEGER NOT NULL DEFAULT 0,
        created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
        created_at INTEGER NOT NULL,
        ended_at INTEGER
      );
      CREATE INDEX meetings_by_project ON meetings (project_id, created_at);
      CREATE TABLE meeting_decisions (
        id TEXT PRIMARY KEY,
        meeting_id TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
        item_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        outcome TEXT NOT NULL,
        rationale TEXT NOT NULL,
        attendees TEXT NOT NULL,
        decided_by TEXT NOT NULL,
        decided_at INTEGER NOT NULL,
        accepted INTEGER NOT NULL
      );
      CREATE INDEX meeting_decisions_by_item ON meeting_decisions (meeting_id, item_id, decided_at);
      CREATE UNIQUE INDEX meeting_decisions_one_per_version ON meeting_decisions (meeting_id, item_id, version)
        WHERE accepted = 1;
    `,
  },
  {
    version: 13,
    name: "code history and meeting attendance",
    // Every change to a code, as the server saw it accepted: by whom, when, each field before and
    // after; a change a meeting made names the meeting, the item and the item's decision. Attendance
    // is who opened the meeting's room, first and last.
    sql: `
      CREATE TABLE code_changes (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
        code_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        fields TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        actor_id TEXT,
        at INTEGER NOT NULL,
        meeting_id TEXT REFERENCES meetings (id) ON DELETE SET NULL,
        item_id TEXT,
        decision_id TEXT
      );
      CREATE INDEX code_changes_by_code ON code_changes (project_id, code_id, seq);
      CREATE INDEX code_changes_by_meeting ON code_changes (meeting_id, seq);
      CREATE TABLE meeting_attendance (
        meeting_id TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
        user_id TEXT NOT NULL,
        first_seen INTEGER NOT NULL,
        last_seen INTEGER NOT NULL,
        PRIMARY KEY (meeting_id, user_id)
      );
    `,
  },
  {
    version: 14,
    name: "meetings on shared codings",
    // A meeting without a round is on the shared codings of chosen transcripts by chosen coders.
    sql: "ALTER TABLE meetings ADD COLUMN source TEXT",
  },
  {
    version: 15,
    name: "passages a round's meeting took as agreed",
    // The passages every coder of the round coded alike, written into the shared codings when the
    // meeting was made: what the meeting did not need to discuss.
    sql: "ALTER TABLE meetings ADD COLUMN agreed TEXT NOT NULL DEFAULT '[]'",
  },
];
