/** A member's role in a project, from most to least powerful. */
export const Role = {
  owner: "owner",
  coder: "coder",
  observer: "observer",
} as const;

/** One of the project roles. */
export type Role = (typeof Role)[keyof typeof Role];

/** All roles, most powerful first. */
export const roles: readonly Role[] = [Role.owner, Role.coder, Role.observer];

/** Whether `value` names a role. */
export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (roles as readonly string[]).includes(value);
}

/** Something a member may do in a project. */
export const Permission = {
  /** See the project, its members, transcripts and codebook. */
  read: "read",
  /** Add comments and presence; observers may do this. */
  comment: "comment",
  /** Apply and remove codes on transcripts. */
  code: "code",
  /** Change the codebook (unless the owner has locked it). */
  editCodebook: "edit-codebook",
  /** Manage members, invites, rounds and settings; correct transcript text. */
  manage: "manage",
} as const;

/** One of the permissions. */
export type Permission = (typeof Permission)[keyof typeof Permission];

const grants: Record<Role, readonly Permission[]> = {
  owner: [Permission.read, Permission.comment, Permission.code, Permission.editCodebook, Permission.manage],
  coder: [Permission.read, Permission.comment, Permission.code, Permission.editCodebook],
  observer: [Permission.read, Permission.comment],
};

/**
 * Whether `role` may do `permission`. A locked codebook takes editing away from coders; owners can
 * always edit it.
 */
export function can(
  role: Role | null,
  permission: Permission,
  options: { codebookLocked?: boolean } = {},
): boolean {
  if (!role) return false;
  if (permission === Permission.editCodebook && options.codebookLocked && role !== Role.owner) return false;
  return grants[role].includes(permission);
}

/** Whether `role` is at least as powerful as `minimum`. */
export function hasAtLeast(role: Role | null, minimum: Role): boolean {
  if (!role) return false;
  return roles.indexOf(role) <= roles.indexOf(minimum);
}
