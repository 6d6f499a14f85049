import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppProcess, startApp } from "../support/app-process";
import { launchBrowser } from "../support/browser";
import { expectConsoleError } from "../support/page-problems";

let app: AppProcess;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function fillSignUp(page: Page, name: string, email: string): Promise<void> {
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel(/^Password/).fill("a long enough passphrase");
  await page.getByRole("button", { name: "Create account" }).click();
}

describe("accounts and projects in Chromium", () => {
  it("lets a lead sign up, start a project and invite a colleague who joins through the link", async () => {
    const lead = await (await browser.newContext()).newPage();
    await lead.goto(`${app.url}/sign-up`);
    await lead.getByRole("heading", { name: "Set up Concord" }).waitFor();
    await fillSignUp(lead, "Morag Lead", "morag@example.org");
    await lead.getByRole("heading", { name: "Your projects" }).waitFor();

    await lead.getByLabel("New project").fill("Co-production in integration");
    await lead.getByRole("button", { name: "Create project" }).click();
    await lead.getByRole("heading", { name: "Co-production in integration", exact: true }).waitFor();
    await lead.getByRole("link", { name: "Settings and members" }).click();
    await lead.getByLabel("Role for the invite").selectOption("coder");
    await lead.getByRole("button", { name: "Create invite link" }).click();
    const link = (await lead.getByTestId("invite-link").textContent()) ?? "";
    expect(link).toMatch(new RegExp(`^${app.url}/invite/`));
    // A second link, for an observer, does not take the first one away.
    await lead.getByLabel("Role for the invite").selectOption("observer");
    await lead.getByRole("button", { name: "Create invite link" }).click();
    await expect.poll(() => lead.getByTestId("invite-link").count()).toBe(2);
    expect(await lead.getByTestId("invite-link").allTextContents()).toContain(link);
    expect(await lead.locator(".invite-link").first().textContent()).toMatch(/this observer link/);

    // A second person, in a browser of their own, opens the link and signs up from it.
    const colleague = await (await browser.newContext()).newPage();
    await colleague.goto(link);
    await colleague.getByRole("heading", { name: "Join “Co-production in integration”" }).waitFor();
    expect(await colleague.textContent("main")).toContain("invited as coder");
    await fillSignUp(colleague, "Alasdair Coder", "alasdair@example.org");
    await colleague.getByRole("heading", { name: "Co-production in integration", exact: true }).waitFor();
    expect(await colleague.textContent("main")).toContain("You are a coder of this project.");
    await colleague.getByRole("link", { name: "Concord" }).click();
    await colleague.getByRole("link", { name: "Co-production in integration" }).waitFor();

    // The lead sees the new member.
    await lead.reload();
    await lead.locator('tr[data-member="alasdair@example.org"]').waitFor();
    expect(await lead.locator('tr[data-member="alasdair@example.org"] select').inputValue()).toBe("coder");
  });

  it("shows a clear message for a wrong password and for a dead invite link", async () => {
    // The server refuses both, as it should; the page explains.
    expectConsoleError(/status of 401 .*\/api\/auth\/sign-in/);
    expectConsoleError(/status of 404 .*\/api\/invites\//);
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${app.url}/sign-in`);
    await page.getByLabel("Email").fill("morag@example.org");
    await page.getByLabel("Password").fill("not the password at all");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("alert").waitFor();
    expect(await page.getByRole("alert").textContent()).toBe("Email or password is incorrect.");

    await page.goto(`${app.url}/invite/not-a-real-invite`);
    await page.getByRole("heading", { name: "This invite cannot be used" }).waitFor();
    expect(await page.getByRole("alert").textContent()).toMatch(/expired or been revoked/);
  });
});
