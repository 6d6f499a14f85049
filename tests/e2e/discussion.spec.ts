import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Member, Team } from "../support/team";
import { startTeamSession, type TeamSession } from "../support/team-session";
import { selectInTurn } from "../support/transcript-page";

const transcriptFile = fileURLToPath(
  new URL("../../../shared/fixtures/transcripts/pdpilot/P1.txt", import.meta.url),
);

let session: TeamSession;
let app: TeamSession["app"];
let team: Team;
let lead: Page;
let coder: Page;
let second: Page;

beforeAll(async () => {
  session = await startTeamSession(2, transcriptFile);
  ({ app, team } = session);
  const viewport = { width: 1400, height: 950 };
  const [leadMember, coderMember, secondMember] = team.members as [Member, Member, Member];
  [lead, coder, second] = (await Promise.all(
    [leadMember, coderMember, secondMember].map(
      async (member) => (await session.open(member, viewport)).page,
    ),
  )) as [Page, Page, Page];
}, 60_000);

afterAll(async () => {
  await session?.stop();
});

const thread = (page: Page) => page.locator("article.thread").first();
const unread = (page: Page) =>
  page.getByRole("button", { name: /^Inbox, \d+ unread$/ }).getAttribute("aria-label");

describe("a discussion beside the text", () => {
  it("starts on a coded passage, gets a reply that mentions its author, and reaches everyone live", async () => {
    // The lead codes a passage, then starts a thread on that coding.
    await selectInTurn(lead, 2, 0, 40);
    await lead.getByRole("button", { name: "Code…" }).click();
    await lead.getByLabel("Find or create a code").fill("Barriers");
    await lead.keyboard.press("Enter");
    await lead.locator('[data-coding-info="Barriers"]').waitFor();
    await lead.locator('[data-coding-info="Barriers"]').getByRole("button", { name: "Discuss" }).click();
    await lead.getByLabel("New comment").fill("Is this a *barrier*, or a facilitator?");
    await lead.getByRole("button", { name: "Comment", exact: true }).click();
    await thread(lead).waitFor();
    expect(await unread(lead)).toBe("Inbox, 0 unread");

    // A colleague sees it arrive, opens it from the passage's words, and starts replying.
    await thread(coder).waitFor();
    expect(await thread(coder).locator(".comment-body em").textContent()).toBe("barrier");
    // Beside the passage, in the margin, a marker counts the thread's comments and opens it.
    const marker = coder.locator("[data-thread-marker]");
    expect(await marker.textContent()).toBe("1");
    const markerBox = await marker.boundingBox();
    const passageBox = await coder.locator(".comment-anchor").first().boundingBox();
    expect(Math.abs((markerBox?.y ?? 0) - (passageBox?.y ?? 1000))).toBeLessThan(12);
    await marker.click();
    await coder.locator("article.thread.active").waitFor();
    const reply = thread(coder).getByLabel("Reply");
    await reply.pressSequentially("@Lea");
    await coder
      .getByRole("listbox", { name: "People to mention" })
      .getByRole("option", { name: "Lead Researcher" })
      .waitFor();
    await reply.press("Enter");
    await reply.pressSequentially(
      'I read it as a barrier: see <img src=x onerror="window.pwned=1"> and [this](javascript:window.pwned=2).',
    );
    // Everyone else sees who is replying, live.
    await lead.getByText("Coder 1 is replying…").waitFor();
    await thread(coder).getByRole("button", { name: "Reply" }).click();

    // The lead's inbox count rises and the reply appears, without reloading.
    await expect.poll(() => unread(lead), { timeout: 10_000 }).toBe("Inbox, 1 unread");
    const replyBody = thread(lead).locator(".comments > li").nth(1).locator(".comment-body");
    await replyBody.waitFor();
    expect(await replyBody.locator(".mention").textContent()).toBe("@Lead Researcher");
    expect(await replyBody.textContent()).toContain('<img src=x onerror="window.pwned=1">');
    expect(await replyBody.locator("img, script, a[href^='javascript']").count()).toBe(0);
    expect(await lead.evaluate(() => (window as { pwned?: number }).pwned)).toBeUndefined();
    await thread(second).locator(".comments > li").nth(1).waitFor();
    await expect.poll(() => second.locator("[data-thread-marker]").textContent()).toBe("2");

    // The inbox leads back to the thread, and reading it clears the count: with the transcript
    // already open and scrolled away from the passage, the thread opens and the passage comes back.
    await lead.locator(".editor-frame").evaluate((frame) => frame.scrollTo(0, frame.scrollHeight));
    await lead.getByRole("button", { name: /^Inbox/ }).click();
    await lead
      .getByRole("dialog", { name: "Inbox" })
      .getByRole("link", { name: /Coder 1/ })
      .click();
    await expect.poll(() => unread(lead)).toBe("Inbox, 0 unread");
    await lead.locator("article.thread.active").waitFor();
    await expect
      .poll(() =>
        lead
          .locator(".comment-anchor")
          .first()
          .evaluate((anchor) => {
            const frame = anchor.closest(".editor-frame")?.getBoundingClientRect();
            const box = anchor.getBoundingClientRect();
            return frame !== undefined && box.top >= frame.top && box.bottom <= frame.bottom;
          }),
      )
      .toBe(true);
    await lead.reload();
    await lead.locator(".transcript .speaker").first().waitFor();
    expect(await unread(lead)).toBe("Inbox, 0 unread");
    await lead.locator("article.thread.active").waitFor();
  });

  it("is resolved by anyone, and leaves the open list for all", async () => {
    await thread(second).locator(".thread-subject").click();
    await thread(second).getByRole("button", { name: "Resolve" }).click();
    for (const page of [lead, coder, second]) {
      await expect.poll(() => page.locator("article.thread").count(), { timeout: 10_000 }).toBe(0);
      await page.getByLabel("Show threads").selectOption("resolved");
      await thread(page).waitFor();
      expect(await thread(page).getAttribute("data-resolved")).toBe("true");
      await page.getByLabel("Show threads").selectOption("open");
    }
  });
});

describe("memos", () => {
  it("are written by several people at once, and say who edited them last", async () => {
    const memo = (page: Page) => page.getByRole("textbox", { name: "Project memo" });
    for (const page of [lead, coder]) {
      await page.goto(`${app.url}/projects/${team.projectId}`);
      await memo(page).waitFor();
    }
    await memo(lead).click();
    await lead.keyboard.type("Consensus: ");
    await lead.keyboard.press("Control+b");
    await lead.keyboard.type("barriers");
    await lead.keyboard.press("Control+b");
    await lead.keyboard.type(" first.");
    await expect.poll(() => memo(coder).textContent()).toBe("Consensus: barriers first.");
    await memo(coder).click();
    await coder.keyboard.press("Control+End");
    await coder.keyboard.type(" Then facilitators.");
    for (const page of [lead, coder]) {
      await expect.poll(() => memo(page).textContent()).toBe("Consensus: barriers first. Then facilitators.");
      expect(await memo(page).locator("strong").textContent()).toBe("barriers");
    }
    await expect
      .poll(() => lead.locator('[data-memo="project"] .memo-edited').textContent())
      .toMatch(/^Last edited by Coder 1, /);

    // The project page lists open threads across transcripts: the one thread here is resolved.
    await lead.getByText("No open threads. Everything discussed is resolved.").waitFor();
  });
});

describe("a code's memo and discussion", () => {
  it("sit in the code's details, and a thread on the code joins the project's open threads for all", async () => {
    // Both are on the project page (from the memo test).
    await lead.locator('.code-row[data-code-name="Barriers"] .code-name').click();
    const leadMemo = lead.getByRole("textbox", { name: "Memo on Barriers" });
    await leadMemo.click();
    await lead.keyboard.type("Use for obstacles named by partners, not by us.");
    await lead
      .getByLabel("Comment on Barriers")
      .fill("Should *funding gaps* go here or under Sustaining, @Coder 1?");
    await lead.getByRole("button", { name: "Start a thread" }).click();
    await lead.getByRole("region", { name: "Discussion of Barriers" }).locator("article.thread").waitFor();

    await coder.locator('.code-row[data-code-name="Barriers"] .code-name').click();
    await expect
      .poll(() => coder.getByRole("textbox", { name: "Memo on Barriers" }).textContent())
      .toBe("Use for obstacles named by partners, not by us.");
    const thread = coder.getByRole("region", { name: "Discussion of Barriers" }).locator("article.thread");
    await thread.waitFor();
    expect(await thread.locator(".comment-body em").textContent()).toBe("funding gaps");

    // The colleague's list of open threads takes the new one up by itself, without Refresh.
    await coder.getByRole("list", { name: "Open threads" }).getByText("the code Barriers").waitFor();

    // The mention in the code's thread leads back to the code's details, open, with the thread.
    await coder.locator('.code-row[data-code-name="Barriers"] .code-name').click();
    await expect.poll(() => thread.count()).toBe(0);
    await coder.getByRole("button", { name: /^Inbox/ }).click();
    await coder
      .getByRole("dialog", { name: "Inbox" })
      .getByRole("link", { name: /Lead Researcher/ })
      .first()
      .click();
    await thread.waitFor();
    await coder.getByRole("region", { name: "Details of Barriers" }).waitFor();
  });
});
