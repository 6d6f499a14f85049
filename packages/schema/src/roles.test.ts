import { describe, expect, it } from "vitest";
import { can, hasAtLeast, Permission, Role } from "./roles";

describe("roles", () => {
  it("let owners do everything", () => {
    for (const permission of Object.values(Permission)) expect(can(Role.owner, permission)).toBe(true);
  });

  it("let coders code and edit the codebook, but not manage the project", () => {
    expect(can(Role.coder, Permission.code)).toBe(true);
    expect(can(Role.coder, Permission.editCodebook)).toBe(true);
    expect(can(Role.coder, Permission.manage)).toBe(false);
  });

  it("let observers read and comment only", () => {
    expect(can(Role.observer, Permission.read)).toBe(true);
    expect(can(Role.observer, Permission.comment)).toBe(true);
    expect(can(Role.observer, Permission.code)).toBe(false);
  });

  it("take codebook editing from coders, not owners, when the owner locks it", () => {
    expect(can(Role.coder, Permission.editCodebook, { codebookLocked: true })).toBe(false);
    expect(can(Role.owner, Permission.editCodebook, { codebookLocked: true })).toBe(true);
  });

  it("give nothing to someone with no role", () => {
    expect(can(null, Permission.read)).toBe(false);
    expect(hasAtLeast(null, Role.observer)).toBe(false);
  });

  it("order roles from owner down to observer", () => {
    expect(hasAtLeast(Role.owner, Role.coder)).toBe(true);
    expect(hasAtLeast(Role.coder, Role.owner)).toBe(false);
    expect(hasAtLeast(Role.observer, Role.observer)).toBe(true);
  });
});
