import { fileURLToPath } from "node:url";
import * as prng from "lib0/prng";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { expectConsoleError } from "../support/page-problems";
import type { Team } from "../support/team";
import { startTeamSession, type TeamSession } from "../support/team-session";
import { renderedCodings, selectInTurn, turnLengths } from "../support/transcript-page";

const transcriptFile = fileURLToPath(
  new URL("../../../shared/fixtures/transcripts/pdpilot/P1.txt", import.meta.url),
);
const CODINGS_EACH = 20;

let session: TeamSession;
let app: TeamSession["app"];
let team: Team;
const contexts: BrowserContext[] = [];
const pages: Page[] = [];

beforeAll(async () => {
  session = await startTeamSession(6, transcriptFile);
  ({ app, team } = session);
  for (const member of team.members) {
    const { context, page } = await session.open(member, { width: 1300, height: 1500 });
    contexts.push(context);
    pages.push(page);
  }
}, 120_000);

afterAll(async () => {
  await session?.stop();
});

/**
 * Selects a passage and waits until the editor has taken it up. Others' highlights arriving mid-drag
 * can move the text under the mouse, as they would under a person's; then, like a person, select again.
 */
async function selectSettled(page: Page, turn: number, start: number, end: number): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const selected = await selectInTurn(page, turn, start, end);
    try {
      if (!selected) throw new Error("nothing was selected");
      // Between turns the editor puts a newline where the page shows a speaker; compare the words.
      await page.waitForFunction(
        (text) =>
          document.querySelector<HTMLElement>(".code-button")?.dataset.selection?.replace(/\s+/g, "") ===
          text,
        selected.replace(/\s+/g, ""),
        { timeout: 2000 },
      );
      return;
    } catch {
      if (attempt >= 8) {
        const shown = await page.evaluate(
          () => document.querySelector<HTMLElement>(".code-button")?.dataset.selection ?? null,
        );
        throw new Error(
          `could not select turn ${turn} ${start}..${end}: selected ${JSON.stringify(selected)}, editor has ${JSON.stringify(shown)}`,
        );
      }
      await page.waitForTimeout(200);
    }
  }
}

/** Codes the selection with a code found or created through the picker. */
async function codeWithPicker(page: Page, name: string): Promise<void> {
  await page.getByRole("button", { name: "Code…" }).click();
  await page.getByLabel("Find or create a code").fill(name);
  await page.keyboard.press("Enter");
}

/** Reads the transcript's codings as the server holds them, with the stock client and a token. */
async function serverCodings(): Promise<string[]> {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(
    `${app.url.replace("http", "ws")}/sync`,
    `transcript.${team.projectId}.${team.transcriptId}`,
    doc,
    {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      params: { token: team.token },
    },
  );
  await new Promise<void>((resolve) => provider.once("sync", () => resolve()));
  const ids = [...doc.getMap("codings").keys()].sort();
  provider.destroy();
  return ids;
}

describe("seven people coding one transcript at once", () => {
  it("all see the same highlights, the server holds them, a reload shows them, and offline work merges", async () => {
    const [lead] = pages as [Page];
    for (const name of ["Understanding", "Implementation", "Barriers"]) {
      await lead.getByLabel("New code").fill(name);
      await lead.getByRole("button", { name: "Add", exact: true }).click();
    }
    for (const page of pages) await page.locator('[data-code-name="Barriers"]').waitFor();
    const lengths = await turnLengths(lead);
    // Passages near the top, where they are on screen without scrolling, so seven people's
    // highlights overlap often.
    const long = lengths
      .map((length, turn) => ({ length, turn }))
      .filter((t) => t.length > 40 && t.turn < 14)
      .slice(0, 8);

    // The last person loses their connection before coding, and codes offline.
    const offline = pages.at(-1) as Page;
    // Requests made while offline fail, and the browser says so.
    expectConsoleError(/ERR_INTERNET_DISCONNECTED/);
    await (contexts.at(-1) as BrowserContext).setOffline(true);
    await offline.locator('[data-connection="offline"]').waitFor();

    await Promise.all(
      pages.map(async (page, person) => {
        const random = prng.create(1000 + person);
        for (let n = 0; n < CODINGS_EACH; n++) {
          const { turn, length } = prng.oneOf(random, long);
          const start = prng.int32(random, 0, length - 12);
          const end = Math.min(length, start + prng.int32(random, 5, 60));
          await selectSettled(page, turn, start, end);
          if (n === 0) {
            // Two of them create a code of their own from the picker; the others use existing ones.
            await codeWithPicker(
              page,
              person === 1 ? "Trust between partners" : person === 2 ? "Funding" : "Barriers",
            );
          } else {
            await page.keyboard.press("1");
          }
        }
      }),
    );

    await (contexts.at(-1) as BrowserContext).setOffline(false);
    await offline.locator('[data-connection="online"]').waitFor({ timeout: 30_000 });

    const expected = pages.length * CODINGS_EACH;
    await expect
      .poll(async () => Object.keys(await renderedCodings(lead)).length, { timeout: 30_000, interval: 250 })
      .toBe(expected);
    const reference = await renderedCodings(lead);
    for (const page of pages) {
      await expect.poll(() => renderedCodings(page), { timeout: 30_000, interval: 250 }).toEqual(reference);
    }
    expect(await serverCodings()).toEqual(Object.keys(reference).sort());

    await pages[3]?.reload();
    await pages[3]?.locator(".transcript .speaker").first().waitFor();
    await expect.poll(() => renderedCodings(pages[3] as Page), { timeout: 30_000 }).toEqual(reference);

    // The project page counts every coding of the code, and the transcripts it is in.
    const total = Object.keys(reference).length;
    const counter = pages[3] as Page;
    await counter.getByRole("link", { name: /Co-production in integration/ }).click();
    const counts = counter.locator(".code-count");
    await expect
      .poll(async () =>
        (await counts.allTextContents()).reduce((sum, text) => sum + Number(text.split(" · ")[0]), 0),
      )
      .toBe(total);
    expect(await counter.locator('[data-code-name="Barriers"] .code-count').textContent()).toMatch(/ · 1$/);
  }, 240_000);

  it("shows a colleague's selection and avatar to the others", async () => {
    const [lead, second] = pages as [Page, Page];
    await second.locator('[data-user="Lead Researcher"]').waitFor();
    await selectInTurn(lead, 0, 0, 20);
    await second.locator(".ProseMirror-yjs-selection").first().waitFor();
    await expect
      .poll(() => second.locator(".ProseMirror-yjs-cursor").allTextContents())
      .toContainEqual(expect.stringContaining("Lead Researcher"));
    // The selection is shaded in the lead's colour, the colour of the lead's avatar.
    const avatar = await second
      .locator('[data-user="Lead Researcher"]')
      .evaluate((element) => getComputedStyle(element).backgroundColor);
    const shade = await second
      .locator(".ProseMirror-yjs-selection")
      .first()
      .evaluate((element) => getComputedStyle(element).backgroundColor);
    expect(avatar).toMatch(/^rgb\(/);
    expect(shade).toBe(avatar.replace("rgb(", "rgba(").replace(")", ", 0.2)"));
    // Everyone here has a colour of their own.
    const colours = await second
      .locator(".presence .avatar")
      .evaluateAll((elements) => elements.map((element) => getComputedStyle(element).backgroundColor));
    expect(colours.length).toBeGreaterThanOrEqual(6);
    expect(new Set(colours).size).toBe(colours.length);
  });
});
