import { fileURLToPath } from "node:url";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppProcess, startApp } from "../support/app-process";
import { launchBrowser } from "../support/browser";
import { createTeam, type Team } from "../support/team";
import { openTranscript, renderedCodings, selectInTurn, turnLengths } from "../support/transcript-page";

// A long interview (over a hundred turns), so following someone means scrolling.
const transcriptFile = fileURLToPath(
  new URL("../../../shared/fixtures/transcripts/pdpilot/P1.txt", import.meta.url),
);

let app: AppProcess;
let browser: Browser;
let team: Team;
let leadContext: BrowserContext;
let coderContext: BrowserContext;
let lead: Page;
let coder: Page;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  team = await createTeam(app.url, 1, transcriptFile);
  leadContext = await browser.newContext({ viewport: { width: 1300, height: 900 } });
  coderContext = await browser.newContext({ viewport: { width: 1300, height: 900 } });
  lead = await openTranscript(leadContext, app.url, team, team.members[0] as (typeof team.members)[0]);
  coder = await openTranscript(coderContext, app.url, team, team.members[1] as (typeof team.members)[0]);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** The codebook as a page shows it: each code's name with its parent's, in the order shown. */
async function codeTree(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>(".code-tree .code-row")].map((row) => {
      const parent = row.parentElement?.parentElement?.closest("li")?.querySelector<HTMLElement>(".code-row");
      return parent ? `${parent.dataset.codeName} > ${row.dataset.codeName}` : (row.dataset.codeName ?? "");
    }),
  );
}

/** How many updates the page's browser keeps for its rooms in IndexedDB. */
async function updatesKeptLocally(page: Page): Promise<number> {
  return page.evaluate(async () => {
    let count = 0;
    for (const { name } of await indexedDB.databases()) {
      if (!name?.startsWith("concord:transcript.")) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      count += await new Promise<number>((resolve, reject) => {
        const request = db.transaction("updates").objectStore("updates").count();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      db.close();
    }
    return count;
  });
}

describe("the codebook", () => {
  it("is nested and reordered by dragging, and a colleague sees the new tree at once", async () => {
    for (const name of ["Barriers", "Funding", "Facilitators"]) {
      await lead.getByLabel("New code").fill(name);
      await lead.getByRole("button", { name: "Add", exact: true }).click();
    }
    await expect.poll(() => codeTree(coder)).toEqual(["Barriers", "Funding", "Facilitators"]);

    // Dropped on the middle of a code, a code goes inside it; on its top edge, before it.
    const row = (name: string) => lead.locator(`.code-row[data-code-name="${name}"]`);
    await row("Funding").dragTo(row("Barriers"), { targetPosition: { x: 60, y: 20 } });
    await expect.poll(() => codeTree(coder)).toEqual(["Barriers", "Barriers > Funding", "Facilitators"]);
    await row("Facilitators").dragTo(row("Barriers"), { targetPosition: { x: 60, y: 1 } });
    await expect.poll(() => codeTree(coder)).toEqual(["Facilitators", "Barriers", "Barriers > Funding"]);
    expect(await codeTree(lead)).toEqual(await codeTree(coder));
  });
});

describe("following a colleague", () => {
  it("brings their passage into view as they move, and stops when asked", async () => {
    const last = (await turnLengths(lead)).length - 1;
    const inView = (page: Page, turn: number) =>
      page.evaluate((n) => {
        const box = document.querySelectorAll(".transcript .turn-text")[n]?.getBoundingClientRect();
        return box !== undefined && box.top < window.innerHeight && box.bottom > 0;
      }, turn);
    expect(await inView(coder, last)).toBe(false);
    await coder.getByRole("button", { name: "Follow Lead Researcher" }).click();
    await selectInTurn(lead, last, 0, 10);
    await expect.poll(() => inView(coder, last), { timeout: 10_000 }).toBe(true);

    await coder.getByRole("button", { name: "Stop following Lead Researcher" }).click();
    await selectInTurn(lead, 0, 0, 10);
    await coder.waitForTimeout(1000);
    expect(await inView(coder, last)).toBe(true);
  });
});

describe("coding offline", () => {
  it("keeps codings made without a connection after the tab is closed, and shares them on the next visit", async () => {
    await coderContext.setOffline(true);
    await coder.locator('[data-connection="offline"]').waitFor();
    const before = await updatesKeptLocally(coder);
    await selectInTurn(coder, 2, 0, 25);
    await coder.getByRole("button", { name: "Code…" }).click();
    await coder.getByLabel("Find or create a code").fill("Funding");
    await coder.keyboard.press("Enter");
    const [mine] = Object.keys(await renderedCodings(coder));
    expect(mine).toBeDefined();
    // The browser has written it down before the tab goes away.
    await expect.poll(() => updatesKeptLocally(coder)).toBeGreaterThan(before);
    await coder.close();
    expect(Object.keys(await renderedCodings(lead))).not.toContain(mine);

    await coderContext.setOffline(false);
    coder = await openTranscript(coderContext, app.url, team, team.members[1] as (typeof team.members)[0]);
    await expect
      .poll(async () => Object.keys(await renderedCodings(lead)), { timeout: 15_000 })
      .toContain(mine);
    expect((await renderedCodings(lead))[mine as string]).toBe(
      (await renderedCodings(coder))[mine as string],
    );
  });
});
