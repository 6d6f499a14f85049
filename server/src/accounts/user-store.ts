import type { SqliteDatabase } from "../db/database";
import { writeTransaction } from "../db/database";
import { createId } from "../db/secrets";

/** A person with an account. */
export interface User {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly isAdmin: boolean;
  readonly createdAt: number;
}

interface UserRow {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  is_admin: number;
  created_at: number;
  password_changed_at: number;
}

function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    isAdmin: row.is_admin === 1,
    createdAt: row.created_at,
  };
}

/** Thrown by {@link UserStore.create} when the email already has an account. */
export class EmailTakenError extends Error {
  override readonly name = "EmailTakenError";
}

/** Thrown by {@link UserStore.create} for an account that needed to be the first and was not. */
export class NotFirstAccountError extends Error {
  override readonly name = "NotFirstAccountError";
}

/** Accounts in SQLite. Emails are unique regardless of case. */
export interface UserStore {
  /**
   * Creates an account; the very first account on an instance becomes its administrator. With
   * `onlyIfFirst`, refuses (NotFirstAccountError) unless it is that first account, decided in the
   * same transaction as the insert, so that of sign-ups racing without an invite only one gets in.
   */
  create(input: {
    email: string;
    name: string;
    passwordHash: string;
    isAdmin?: boolean;
    onlyIfFirst?: boolean;
  }): User;
  findById(id: string): User | null;
  findByEmail(email: string): User | null;
  /** The stored password hash and when it last changed, for sign-in and password changes. */
  credentials(id: string): { passwordHash: string; passwordChangedAt: number } | null;
  setPasswordHash(id: string, passwordHash: string): void;
  list(): User[];
  count(): number;
}

/** The {@link UserStore} over `db`. */
export function createUserStore(db: SqliteDatabase): UserStore {
  const insert = db.prepare(
    `INSERT INTO users (id, email, name, password_hash, is_admin, created_at, password_changed_at)
     VALUES (@id, @email, @name, @password_hash, @is_admin, @created_at, @created_at)`,
  );
  const byId = db.prepare<[string], UserRow>("SELECT * FROM users WHERE id = ?");
  const byEmail = db.prepare<[string], UserRow>("SELECT * FROM users WHERE email = ?");
  const all = db.prepare<[], UserRow>("SELECT * FROM users ORDER BY created_at, email");
  const count = db.prepare<[], number>("SELECT count(*) FROM users").pluck();
  const updatePassword = db.prepare<[string, number, string]>(
    "UPDATE users SET password_hash = ?, password_changed_at = ? WHERE id = ?",
  );
  // Counting and inserting in one transaction makes "first account is admin" race-free.
  const create = writeTransaction(
    db,
    (input: {
      email: string;
      name: string;
      passwordHash: string;
      isAdmin?: boolean;
      onlyIfFirst?: boolean;
    }) => {
      if (byEmail.get(input.email.trim()))
        throw new EmailTakenError("An account with this email already exists.");
      const first = count.get() === 0;
      if (input.onlyIfFirst && !first) throw new NotFirstAccountError("This instance has accounts already.");
      const row: UserRow = {
        id: createId(),
        email: input.email.trim(),
        name: input.name.trim(),
        password_hash: input.passwordHash,
        is_admin: first || input.isAdmin ? 1 : 0,
        created_at: Date.now(),
        password_changed_at: Date.now(),
      };
      insert.run(row);
      return toUser(row);
    },
  );
  return {
    create,
    findById: (id) => {
      const row = byId.get(id);
      return row ? toUser(row) : null;
    },
    findByEmail: (email) => {
      const row = byEmail.get(email.trim());
      return row ? toUser(row) : null;
    },
    credentials: (id) => {
      const row = byId.get(id);
      return row ? { passwordHash: row.password_hash, passwordChangedAt: row.password_changed_at } : null;
    },
    setPasswordHash: (id, passwordHash) => {
      updatePassword.run(passwordHash, Date.now(), id);
    },
    list: () => all.all().map(toUser),
    count: () => count.get() ?? 0,
  };
}
