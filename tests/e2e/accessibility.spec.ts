import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessibilityProblems } from "../support/accessibility";
import { expectConsoleError } from "../support/page-problems";
import type { Member } from "../support/team";
import { startTeamSession, type TeamSession } from "../support/team-session";
import { selectInTurn } from "../support/transcript-page";

const interview = fileURLToPath(new URL("../fixtures/paragraphs.md", import.meta.url));

let session: TeamSession;
let lead: Page;

beforeAll(async () => {
  session = await startTeamSession(1, interview);
  lead = (await session.open(session.team.members[0] as Member, { width: 1280, height: 720 })).page;
}, 60_000);

afterAll(async () => {
  await session?.stop();
});

/** Each page, and each dialog a page opens, meets WCAG 2.2 AA as axe-core checks it. */
describe("every page, as axe-core checks it against WCAG 2.2 AA", () => {
  it("the transcript, with codings, the code picker and a new comment", async () => {
    await selectInTurn(lead, 1, 0, 20);
    await lead.getByRole("button", { name: "Code…" }).click();
    expect(await accessibilityProblems(lead)).toEqual([]);
    await lead.getByLabel("Find or create a code").fill("Strategic planning");
    await lead.getByRole("option", { name: "Create code “Strategic planning”" }).waitFor();
    expect(await accessibilityProblems(lead)).toEqual([]);
    await lead.screenshot({ path: "/tmp/concord-picker.png" });
    await lead.keyboard.press("Enter");
    await lead.locator('[data-coding-info="Strategic planning"]').waitFor();
    await selectInTurn(lead, 3, 0, 12);
    await lead.getByRole("button", { name: "Comment…" }).click();
    expect(await accessibilityProblems(lead)).toEqual([]);
    await lead.keyboard.press("Escape");
  });

  it("the project, its import dialog, a code's details and the delete question", async () => {
    await lead.goto(`${session.app.url}/projects/${session.team.projectId}`);
    await lead.getByRole("link", { name: "Participant 1" }).waitFor();
    expect(await accessibilityProblems(lead)).toEqual([]);
    await lead.getByRole("button", { name: "Import transcripts…" }).click();
    expect(await accessibilityProblems(lead)).toEqual([]);
    await lead.getByRole("button", { name: "Close" }).click();
    await lead.locator('.code-row[data-code-name="Strategic planning"] .code-name').click();
    expect(await accessibilityProblems(lead)).toEqual([]);
    await lead.getByRole("button", { name: "Delete Participant 1" }).click();
    await lead.getByRole("alertdialog").waitFor();
    expect(await accessibilityProblems(lead)).toEqual([]);
    await lead.getByRole("button", { name: "Keep it" }).click();
  });

  it("the project list, settings and account pages", async () => {
    for (const path of ["/", `/projects/${session.team.projectId}/settings`, "/account"]) {
      await lead.goto(`${session.app.url}${path}`);
      await lead.getByRole("heading").first().waitFor();
      await lead.waitForLoadState("networkidle");
      expect({ path, problems: await accessibilityProblems(lead) }).toEqual({ path, problems: [] });
    }
  });

  it("the pages of someone signed out: sign in, sign up, and a dead invite", async () => {
    const page = await (await session.browser.newContext()).newPage();
    expectConsoleError(/status of 404 .*\/api\/invites\//);
    for (const path of ["/sign-in", "/sign-up", "/invite/not-a-real-invite"]) {
      await page.goto(`${session.app.url}${path}`);
      await page.getByRole("heading").first().waitFor();
      await page.waitForLoadState("networkidle");
      expect({ path, problems: await accessibilityProblems(page) }).toEqual({ path, problems: [] });
    }
    await page.close();
  });
});
