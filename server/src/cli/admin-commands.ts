import { randomBytes } from "node:crypto";
import {
  asPlainParagraphs,
  ImportError,
  importTranscript,
  mergeTimedDrafts,
  summarise,
  type TranscriptDraft,
  type TranscriptFile,
} from "@concord/importers";
import { isRole } from "@concord/schema";
import { hashPassword, passwordProblem } from "../accounts/passwords";
import { createSessionStore } from "../accounts/session-store";
import { createTokenStore } from "../accounts/token-store";
import { createUserStore, EmailTakenError, type User } from "../accounts/user-store";
import { createAuditLog } from "../db/audit-log";
import type { SqliteDatabase } from "../db/database";
import { createProjectStore, LastOwnerError } from "../projects/project-store";
import { createTranscriptStore } from "../projects/transcript-store";
import { createRoundCommands } from "./round-commands";

function baseName(file: string): string {
  return file.replace(/^.*[\\/]/, "").replace(/\.[^.]+$/, "");
}

/** The shared beginning of file names ("day1_consultation07" for its doctor and patient tiers). */
function commonName(files: readonly string[]): string {
  const names = files.map(baseName);
  let prefix = names[0] ?? "";
  for (const name of names) while (!name.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix.replace(/[_\-\s.]+$/, "") || names.join(" + ");
}

/** A mistake in a command's input, reported to the administrator without a stack trace. */
export class CliError extends Error {
  override readonly name = "CliError";
}

/** A readable, random password for accounts created without one (20 characters, ~120 bits). */
export function generatePassword(): string {
  return randomBytes(15).toString("base64url");
}

const DAY = 24 * 60 * 60 * 1000;

/**
 * The administrator's commands, over an open database. Each returns a plain object that the command
 * line prints as text or JSON. They go straight to the database: a server running on the same data
 * folder sees the changes at once, but sockets already open keep their access until they reconnect.
 */
export function createAdminCommands(db: SqliteDatabase) {
  const users = createUserStore(db);
  const projects = createProjectStore(db);
  const tokens = createTokenStore(db);
  const audit = createAuditLog(db);
  const transcripts = createTranscriptStore(db);
  // Lifetimes do not matter here: the CLI only ends sessions, it never starts one.
  const sessions = createSessionStore(db, { idleMs: DAY, absoluteMs: DAY });

  const userByEmail = (email: string): User => {
    const user = users.findByEmail(email);
    if (!user) throw new CliError(`No account has the email ${email}.`);
    return user;
  };

  const checkedPassword = (password: string, email: string): string => {
    const problem = passwordProblem(password, email);
    if (problem) throw new CliError(problem);
    return password;
  };

  return {
    ...createRoundCommands(db),
    async addUser(input: { email: string; name: string; password?: string; admin?: boolean }) {
      const generated = input.password === undefined;
      const password = checkedPassword(input.password ?? generatePassword(), input.email);
      try {
        const user = users.create({
          email: input.email,
          name: input.name,
          passwordHash: await hashPassword(password),
          isAdmin: input.admin ?? false,
        });
        audit.record({ actorId: null, action: "user.add", subject: user.id, detail: { via: "cli" } });
        return { user, ...(generated ? { password } : {}) };
      } catch (error) {
        if (error instanceof EmailTakenError)
          throw new CliError(`An account with the email ${input.email} already exists.`);
        throw error;
      }
    },

    async resetPassword(input: { email: string; password?: string }) {
      const user = userByEmail(input.email);
      const generated = input.password === undefined;
      const password = checkedPassword(input.password ?? generatePassword(), user.email);
      users.setPasswordHash(user.id, await hashPassword(password));
      const signedOut = sessions.revokeAllFor(user.id);
      audit.record({
        actorId: null,
        action: "user.password-reset",
        subject: user.id,
        detail: { via: "cli" },
      });
      return { user, signedOutSessions: signedOut, ...(generated ? { password } : {}) };
    },

    listUsers() {
      return { users: users.list() };
    },

    createToken(input: { email: string; name: string; days: number }) {
      if (!Number.isInteger(input.days) || input.days < 1 || input.days > 366) {
        throw new CliError("--days must be a whole number from 1 to 366.");
      }
      const user = userByEmail(input.email);
      const { token, record } = tokens.create(user.id, input.name, Date.now() + input.days * DAY);
      audit.record({ actorId: user.id, action: "token.create", subject: record.id, detail: { via: "cli" } });
      return { token, record, user: { id: user.id, email: user.email } };
    },

    createProject(input: { name: string; ownerEmail: string }) {
      if (!input.name.trim()) throw new CliError("Give the project a name.");
      const owner = userByEmail(input.ownerEmail);
      const project = projects.create(input.name, owner.id);
      audit.record({
        actorId: null,
        action: "project.create",
        projectId: project.id,
        detail: { via: "cli" },
      });
      return { project, owner: { id: owner.id, email: owner.email } };
    },

    listProjects() {
      return {
        projects: projects
          .listAll()
          .map((project) => ({ ...project, members: projects.members(project.id).length })),
      };
    },

    /**
     * Imports files into a project, each as its own transcript (or, with `merge`, all as one, in
     * time order: TextGrid tiers of one conversation). A file that cannot be read is reported and
     * the others go on.
     */
    async importFiles(input: {
      projectId: string;
      files: readonly (TranscriptFile | { name: string; unreadable: string })[];
      plain?: boolean;
      merge?: boolean;
    }) {
      const project = projects.get(input.projectId);
      if (!project) throw new CliError(`There is no project with the id ${input.projectId}.`);
      if (project.archivedAt !== null)
        throw new CliError(`The project ${project.name} is archived: unarchive it before importing into it.`);
      type Outcome =
        | { file: string; error: string }
        | {
            file: string;
            transcriptId: string;
            name: string;
            speakers: string[];
            turns: number;
            words: number;
            warnings: readonly string[];
          };
      const outcomes: Outcome[] = [];
      const drafts: { file: string; draft: TranscriptDraft; slot: number }[] = [];
      for (const file of input.files) {
        if ("unreadable" in file) {
          outcomes.push({ file: file.name, error: `${file.name}: ${file.unreadable}` });
          continue;
        }
        try {
          drafts.push({ file: file.name, draft: await importTranscript(file), slot: outcomes.length });
          outcomes.push({ file: file.name, error: "" });
        } catch (error) {
          if (!(error instanceof ImportError)) throw error;
          outcomes.push({ file: file.name, error: error.message });
        }
      }
      const create = (name: string, draft: TranscriptDraft) => {
        const final = input.plain ? asPlainParagraphs(draft) : draft;
        const summary = summarise(final);
        const transcript = transcripts.create({
          projectId: project.id,
          name,
          sourceFormat: final.format,
          blocks: final.blocks,
          ...summary,
          createdBy: null,
        });
        audit.record({
          actorId: null,
          action: "transcript.import",
          projectId: project.id,
          subject: transcript.id,
          detail: { via: "cli" },
        });
        return { transcriptId: transcript.id, name, ...summary, warnings: final.warnings };
      };
      if (input.merge && drafts.length > 0) {
        const created = create(
          commonName(drafts.map((d) => d.file)),
          mergeTimedDrafts(drafts.map((d) => d.draft)),
        );
        for (const { file, slot } of drafts) outcomes[slot] = { file, ...created };
      } else {
        for (const { file, draft, slot } of drafts)
          outcomes[slot] = { file, ...create(baseName(file), draft) };
      }
      return { project: { id: project.id, name: project.name }, results: outcomes };
    },

    addMember(input: { projectId: string; email: string; role: string }) {
      if (!isRole(input.role)) throw new CliError("--role must be owner, coder or observer.");
      const project = projects.get(input.projectId);
      if (!project) throw new CliError(`There is no project with the id ${input.projectId}.`);
      const user = userByEmail(input.email);
      try {
        projects.setRole(project.id, user.id, input.role);
      } catch (error) {
        if (error instanceof LastOwnerError) throw new CliError(error.message);
        throw error;
      }
      audit.record({
        actorId: null,
        action: "member.add",
        projectId: project.id,
        subject: user.id,
        detail: { role: input.role, via: "cli" },
      });
      return {
        project: { id: project.id, name: project.name },
        member: { id: user.id, email: user.email, role: input.role },
      };
    },
  };
}

/** The commands' type, for the command line and its tests. */
export type AdminCommands = ReturnType<typeof createAdminCommands>;
