import type { DocumentStorage, RoomRegistry } from "@concord/sync";
import { type AttemptLimiter, createAttemptLimiter } from "./accounts/attempt-limiter";
import { createSessionStore, type SessionStore } from "./accounts/session-store";
import { createTokenStore, type TokenStore } from "./accounts/token-store";
import { createUserStore, type UserStore } from "./accounts/user-store";
import type { ServerConfig } from "./config";
import { type AuditLog, createAuditLog } from "./db/audit-log";
import type { SqliteDatabase } from "./db/database";
import { createNotificationStore, type NotificationStore } from "./discussions/notification-store";
import { type CodeCountCache, createCodeCountCache } from "./projects/code-count-cache";
import { CodeHistory } from "./projects/code-history";
import { type CodingRemovalStore, createCodingRemovalStore } from "./projects/coding-removal-store";
import { createImportPreparer, type ImportPreparer } from "./projects/import-preparer";
import { createImportSlots, type ImportSlots } from "./projects/import-slots";
import { createInviteStore, type InviteStore } from "./projects/invite-store";
import { createMeetingStore, type MeetingStore } from "./projects/meeting-store";
import { createOfferStore, type OfferStore } from "./projects/offer-store";
import { createProjectStorage, type ProjectStorage } from "./projects/project-storage";
import { createProjectStore, type ProjectStore } from "./projects/project-store";
import { createRoundStore, type RoundStore } from "./projects/round-store";
import { createTranscriptStore, type TranscriptStore } from "./projects/transcript-store";
import { createLiveAccess, type LiveAccess } from "./sync/live-access";
import { createRoomDocuments, type RoomDocuments } from "./sync/room-documents";

/** Everything request handlers and the sync authorizer work with, built once per server. */
export interface Services {
  readonly config: ServerConfig;
  readonly db: SqliteDatabase;
  readonly users: UserStore;
  readonly sessions: SessionStore;
  readonly tokens: TokenStore;
  readonly projects: ProjectStore;
  readonly invites: InviteStore;
  /** Places in projects offered by email, until the person accepts or declines. */
  readonly offers: OfferStore;
  readonly transcripts: TranscriptStore;
  /** Coding rounds: who codes which transcripts blind, and where each round stands. */
  readonly rounds: RoundStore;
  /** Consensus meetings: their agendas and every attempt to decide an item. */
  readonly meetings: MeetingStore;
  /** Every change to every code: who, when, before and after, and the meeting item behind it. */
  readonly codeHistory: CodeHistory;
  /** Reads and seeds import bodies in a worker thread, off the main thread. */
  readonly imports: ImportPreparer;
  /** How many imports may be in flight at once. */
  readonly importSlots: ImportSlots;
  /** Room documents as stored, for reading without loading a room. */
  readonly documents: DocumentStorage;
  /** Room documents to read current state from, or to change as the server. */
  readonly rooms: RoomDocuments;
  /** Codings per code in each transcript, kept until the transcript changes. */
  readonly codeCounts: CodeCountCache;
  /** Codings removed by someone other than their coder: who, whose, when. */
  readonly codingRemovals: CodingRemovalStore;
  /** Who was mentioned where, and what they have read. */
  readonly notifications: NotificationStore;
  readonly audit: AuditLog;
  /** What each project's documents take in storage, against its quota. */
  readonly projectStorage: ProjectStorage;
  /** Sign-in attempts per account, address and both, kept in SQLite. */
  readonly signInAttempts: AttemptLimiter;
  /** Applies membership and project changes to open sync connections. */
  readonly liveAccess: LiveAccess;
}

/** Builds the services over an open database and room registry. */
export function createServices(
  config: ServerConfig,
  db: SqliteDatabase,
  registry: RoomRegistry,
  documents: DocumentStorage,
): Services {
  const projects = createProjectStore(db);
  const rounds = createRoundStore(db);
  const rooms = createRoomDocuments(registry, documents);
  return {
    config,
    db,
    users: createUserStore(db),
    sessions: createSessionStore(db, { idleMs: config.sessionIdleMs, absoluteMs: config.sessionMaxMs }),
    tokens: createTokenStore(db),
    projects,
    invites: createInviteStore(db),
    offers: createOfferStore(db),
    transcripts: createTranscriptStore(db),
    rounds,
    meetings: createMeetingStore(db),
    codeHistory: new CodeHistory(db),
    imports: createImportPreparer(),
    importSlots: createImportSlots({ perPerson: 2, queued: 4 }),
    documents,
    rooms,
    codeCounts: createCodeCountCache(db, (room) => rooms.read(room)),
    notifications: createNotificationStore(db),
    codingRemovals: createCodingRemovalStore(db),
    audit: createAuditLog(db),
    projectStorage: createProjectStorage(db, config.maxProjectBytes),
    signInAttempts: createAttemptLimiter(db),
    liveAccess: createLiveAccess(registry, projects, rounds),
  };
}
