import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessibilityProblems } from "../support/accessibility";
import { expectConsoleError } from "../support/page-problems";
import type { Member } from "../support/team";
import { startTeamSession, type TeamSession } from "../support/team-session";
import { renderedCodings, selectInTurn } from "../support/transcript-page";

const transcriptFile = fileURLToPath(
  new URL("../../../shared/fixtures/transcripts/pdpilot/P1.txt", import.meta.url),
);

let session: TeamSession;
beforeAll(async () => {
  session = await startTeamSession(2, transcriptFile);
}, 60_000);
afterAll(async () => {
  await session?.stop();
});

/** A change the lead makes to a member through the API, as the settings page does. */
async function asLead(method: string, path: string, body?: unknown): Promise<unknown> {
  const lead = session.team.members[0] as Member;
  const response = await fetch(`${session.app.url}/api${path}`, {
    method,
    headers: {
      "content-type": "application/json",
      origin: session.app.url,
      cookie: `concord_session=${lead.cookie}`,
    },
    body: body === undefined ? null : JSON.stringify(body),
  });
  expect(response.status).toBeLessThan(300);
  return response.json();
}

/** The names of this page's browser copies (IndexedDB databases) of Concord's documents. */
function localCopies(page: Page): Promise<string[]> {
  return page.evaluate(async () =>
    (await indexedDB.databases()).map((d) => d.name ?? "").filter((name) => name.startsWith("concord:")),
  );
}

async function codeSelection(page: Page, turn: number, code: string): Promise<void> {
  await selectInTurn(page, turn, 0, 15);
  await page.getByRole("button", { name: "Code…" }).click();
  await page.getByLabel("Find or create a code").fill(code);
  await page.keyboard.press("Enter");
}

describe("the server's word on a page's changes", () => {
  it("a page whose change is refused drops it, shows the team's copy, says so, and goes on", async () => {
    // The stock client logs the refusal it is told of.
    expectConsoleError(/Permission denied to access/);
    const [lead, coder] = session.team.members as [Member, Member];
    const { page: leadPage } = await session.open(lead);
    const { page } = await session.open(coder);
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await codeSelection(page, 2, "Barriers");
    await expect.poll(async () => Object.keys(await renderedCodings(leadPage)).length).toBe(1);

    // Made an observer while the page is offline: it codes on, and its coding is refused when it is back.
    // Requests made while offline fail, and the browser says so.
    expectConsoleError(/ERR_INTERNET_DISCONNECTED/);
    await page.context().setOffline(true);
    await page.locator('[data-connection="offline"]').waitFor();
    // Both of the page's connection signs say so.
    await page.locator('[data-status="offline"]').waitFor({ timeout: 2_000 });
    await asLead("PATCH", `/projects/${session.team.projectId}/members/${coder.id}`, { role: "observer" });
    await codeSelection(page, 4, "Barriers");
    await page.context().setOffline(false);
    const notice = page.getByRole("alert");
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(
      /did not accept a change made on this page \(observers only read|only read/,
    );
    // And it says, in words, what changed.
    await page.getByRole("status").filter({ hasText: "Your role in this project is now observer" }).waitFor();
    // The page shows the shared copy again: the first coding, not the refused one.
    await expect.poll(async () => Object.keys(await renderedCodings(page)).length).toBe(1);
    await page.locator('[data-connection="online"]').waitFor();
    await codeSelection(leadPage, 6, "Barriers");
    await expect.poll(async () => Object.keys(await renderedCodings(page)).length).toBe(2);
    expect(Object.keys(await renderedCodings(leadPage))).toHaveLength(2);
    await page.screenshot({ path: "/tmp/concord-refused-change.png" });
    expect(errors).toEqual([]);
    await asLead("PATCH", `/projects/${session.team.projectId}/members/${coder.id}`, { role: "coder" });
    await page.context().close();
    await leadPage.context().close();
  });

  it("an open page takes up a codebook lock, and its lifting, at once, keeping the coder's selection", async () => {
    const coder = session.team.members[1] as Member;
    const { page } = await session.open(coder);
    const newCode = page.getByPlaceholder("New code…");
    await newCode.waitFor();
    const selected = await selectInTurn(page, 2, 0, 15);
    const code = page.getByRole("button", { name: "Code…" });
    await code.waitFor();
    // The page fetches the project's rounds again on a change: that must not rebuild the text.
    const roundsFetched = page.waitForResponse((r) => r.url().endsWith("/rounds"));
    await asLead("PATCH", `/projects/${session.team.projectId}`, { codebookLocked: true });
    await expect.poll(() => newCode.count()).toBe(0);
    await page.getByText("An owner has locked the codebook").waitFor();
    await roundsFetched;
    await page.waitForTimeout(200);
    expect(await code.count()).toBe(1);
    expect(await code.getAttribute("data-selection")).toBe(selected);
    expect(await page.evaluate(() => window.getSelection()?.toString())).toBe(selected);
    await asLead("PATCH", `/projects/${session.team.projectId}`, { codebookLocked: false });
    await newCode.waitFor();
    expect(await page.locator(".room-reset").count()).toBe(0);
    await page.context().close();
  });

  it("a member removed from the project loses the page and this browser's copies of it", async () => {
    const coder = session.team.members[2] as Member;
    const { page } = await session.open(coder);
    await expect
      .poll(async () => (await localCopies(page)).some((n) => n.includes(session.team.projectId)))
      .toBe(true);
    await asLead("DELETE", `/projects/${session.team.projectId}/members/${coder.id}`);
    await page.getByText("You can no longer open this transcript").waitFor();
    expect(await page.locator(".transcript").count()).toBe(0);
    await expect
      .poll(async () => (await localCopies(page)).filter((n) => n.includes(session.team.projectId)))
      .toEqual([]);
    await page.context().close();
  });

  it("someone added by email joins only by accepting the invitation on their project list", async () => {
    const coder = session.team.members[1] as Member;
    const created = (await asLead("POST", "/projects", { name: "Second study" })) as {
      project: { id: string };
    };
    // The lead invites by email from the project's settings, and sees the invitation listed.
    const lead = (await session.open(session.team.members[0] as Member)).page;
    await lead.goto(`${session.app.url}/projects/${created.project.id}/settings`);
    const invite = lead.getByRole("form", { name: "Invite by email" });
    await invite.getByLabel("Email").fill(coder.email);
    await invite.getByLabel("Role for the invitation").selectOption("observer");
    await invite.getByRole("button", { name: "Invite" }).click();
    await lead.getByText(`Whoever signs in with ${coder.email} will find the invitation`).waitFor();
    await lead.locator(`[data-offer="${coder.email}"]`).waitFor();
    expect(await accessibilityProblems(lead)).toEqual([]);
    await lead.context().close();
    const { page } = await session.open(coder);
    await page.goto(`${session.app.url}/`);
    const join = page.getByRole("button", { name: "Join Second study" });
    await join.waitFor();
    expect(await page.getByRole("list", { name: "Projects" }).getByText("Second study").count()).toBe(0);
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.screenshot({ path: "/tmp/concord-offer.png" });
    await join.click();
    await page.getByRole("list", { name: "Projects" }).getByText("Second study").waitFor();
    expect(await page.getByRole("button", { name: "Join Second study" }).count()).toBe(0);
    await page.context().close();
  });

  // Last: the lead's session ends here.
  it("signing out leaves no copy of any document in the browser", async () => {
    const lead = session.team.members[0] as Member;
    const { page } = await session.open(lead);
    await expect.poll(async () => (await localCopies(page)).length).toBeGreaterThan(0);
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/sign-in/);
    await expect.poll(() => localCopies(page)).toEqual([]);
    expect(
      await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("concord:"))),
    ).toEqual([]);
    await page.context().close();
  });
});
