import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { applyCode, indexTranscript } from "@concord/anchoring";
import { importTranscript } from "@concord/importers";
import { transcriptContent } from "@concord/schema";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import type { Member, Team } from "../support/team";
import { startTeamSession, type TeamSession } from "../support/team-session";
import {
  openTranscript,
  renderedCodings,
  selectInTurn,
  turnLengths,
  turnText,
} from "../support/transcript-page";

// A long interview (over a hundred turns), so following someone means scrolling.
const transcriptFile = fileURLToPath(
  new URL("../../../shared/fixtures/transcripts/pdpilot/P1.txt", import.meta.url),
);

let session: TeamSession;
let app: TeamSession["app"];
let team: Team;
let coderContext: BrowserContext;
let lead: Page;
let coder: Page;

beforeAll(async () => {
  session = await startTeamSession(1, transcriptFile);
  ({ app, team } = session);
  const [leadMember, coderMember] = team.members as [Member, Member];
  lead = (await session.open(leadMember)).page;
  ({ context: coderContext, page: coder } = await session.open(coderMember));
}, 60_000);

afterAll(async () => {
  await session?.stop();
});

/** The codebook as a page shows it: each code's name with its parent's, in the order shown. */
async function codeTree(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const path: string[] = [];
    return [...document.querySelectorAll<HTMLElement>(".code-tree [role=row]")].map((row) => {
      const level = Number(row.getAttribute("aria-level"));
      const name = row.querySelector<HTMLElement>(".code-row")?.dataset.codeName ?? "";
      path.length = level - 1;
      const parent = path[level - 2];
      path.push(name);
      return parent ? `${parent} > ${name}` : name;
    });
  });
}

/** The ids of a transcript's codings as the server holds them, read with the stock client. */
async function serverCodingIds(transcriptId: string): Promise<string[]> {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(
    `${app.url.replace("http", "ws")}/sync`,
    `transcript.${team.projectId}.${transcriptId}`,
    doc,
    {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      params: { token: team.token },
    },
  );
  await new Promise<void>((resolve) => provider.once("sync", () => resolve()));
  const ids = [...doc.getMap("codings").keys()];
  provider.destroy();
  return ids;
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

/**
 * Codes characters [start, end) of a turn on `page` with the named code (made if new) through the
 * picker, and returns the new coding's id once `seenBy` draws it.
 */
async function codeWithPicker(
  page: Page,
  turn: number,
  start: number,
  end: number,
  code: string,
  seenBy: Page,
): Promise<string> {
  const before = new Set(Object.keys(await renderedCodings(seenBy)));
  const added = async () => Object.keys(await renderedCodings(seenBy)).filter((id) => !before.has(id));
  await selectInTurn(page, turn, start, end);
  await page.getByRole("button", { name: "Code…" }).click();
  await page.getByLabel("Find or create a code").fill(code);
  await page.keyboard.press("Enter");
  await expect.poll(added).toHaveLength(1);
  return (await added())[0] as string;
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
    // The moved code keeps the focus, so the keyboard goes on from it.
    await expect
      .poll(() =>
        lead.evaluate(
          () =>
            document.activeElement?.closest("[role=row]")?.querySelector<HTMLElement>(".code-row")?.dataset
              .codeName,
        ),
      )
      .toBe("Facilitators");
  });
  it("is one tab stop: arrows move through its codes, Enter opens one's details, Space shows only its highlights", async () => {
    const focusedCode = () =>
      lead.evaluate(
        () =>
          document.activeElement?.closest("[role=row]")?.querySelector<HTMLElement>(".code-row")?.dataset
            .codeName,
      );
    // From the form above it, Tab reaches the first code (tried again while the drop just made
    // still settles the focus on the moved code).
    await expect
      .poll(async () => {
        await lead.getByRole("button", { name: "Add", exact: true }).focus();
        await lead.keyboard.press("Tab");
        return focusedCode();
      })
      .toBe("Facilitators");
    await lead.keyboard.press("ArrowDown");
    expect(await focusedCode()).toBe("Barriers");

    await lead.keyboard.press("ArrowDown"); // into Barriers' children
    expect(await focusedCode()).toBe("Funding");
    await lead.keyboard.press("ArrowLeft"); // back to its parent
    expect(await focusedCode()).toBe("Barriers");
    await lead.keyboard.press("ArrowDown");
    expect(await focusedCode()).toBe("Funding");
    // Tab leaves the tree, whatever its size; Shift+Tab comes back to the same code.
    await lead.keyboard.press("Tab");
    expect(await focusedCode()).toBeUndefined();
    await lead.keyboard.press("Shift+Tab");
    expect(await focusedCode()).toBe("Funding");

    await lead.keyboard.press("Enter");
    await lead.getByRole("region", { name: "Details of Funding" }).waitFor();
    await lead.screenshot({ path: "/tmp/concord-codebook-details.png" });
    await lead.getByRole("button", { name: "Close the details" }).click();

    await lead.getByRole("row", { name: /^Funding/ }).focus();
    await lead.keyboard.press("Space");
    const only = lead.getByRole("button", { name: "Show only Funding" });
    await expect.poll(() => only.getAttribute("aria-pressed")).toBe("true");
    // Enter opens the code, and leaves the choice of what is shown as it was.
    await lead.keyboard.press("Enter");
    await lead.getByRole("region", { name: "Details of Funding" }).waitFor();
    expect(await only.getAttribute("aria-pressed")).toBe("true");
    await lead.getByRole("row", { name: /^Funding/ }).focus();
    await lead.screenshot({ path: "/tmp/concord-codebook-tree.png" });
    await lead.getByRole("button", { name: "Show all codes" }).click();
    expect(await only.getAttribute("aria-pressed")).toBe("false");
    // Left on a code at the top with nothing inside keeps the keyboard in the tree.
    await lead.getByRole("row", { name: /^Facilitators/ }).focus();
    await lead.keyboard.press("ArrowLeft");
    expect(await lead.evaluate(() => document.activeElement?.closest(".code-tree") !== null)).toBe(true);
    await lead.keyboard.press("ArrowDown");
    expect(await focusedCode()).toBe("Barriers");

    // Outdent takes a code out of its parent to just after it, not to the end of the codebook.
    await lead.getByLabel("New code").fill("Time");
    await lead.getByRole("button", { name: "Add", exact: true }).click();
    // Funding's details are still open, from Enter above.
    await lead
      .getByRole("region", { name: "Details of Funding" })
      .getByRole("button", { name: "Outdent" })
      .click();
    await expect.poll(() => codeTree(coder)).toEqual(["Facilitators", "Barriers", "Funding", "Time"]);
    await lead.getByRole("button", { name: "Close the details" }).click();
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

  it("follows their scrolling too, and says in words whom one follows", async () => {
    const turns = (await turnLengths(lead)).length;
    const middle = Math.floor(turns / 2);
    const topTurn = (page: Page) =>
      page.evaluate(() => {
        const frame = document.querySelector(".editor-frame")?.getBoundingClientRect();
        const texts = [...document.querySelectorAll(".transcript .turn-text")];
        return texts.findIndex((t) => t.getBoundingClientRect().bottom > (frame?.top ?? 0) + 1);
      });
    await coder.getByRole("button", { name: "Follow Lead Researcher" }).click();
    const note = coder.getByRole("status").filter({ hasText: "Following Lead Researcher" });
    await note.waitFor();
    // The lead scrolls, and moves no cursor: the follower's view goes with theirs.
    await lead.evaluate((n) => {
      document.querySelectorAll(".transcript .turn-text")[n]?.scrollIntoView({ block: "start" });
    }, middle);
    expect(Math.abs((await topTurn(lead)) - middle)).toBeLessThanOrEqual(1);
    // The same turn at the top of both (give or take the one a turn's edge shares with the next).
    await expect
      .poll(async () => Math.abs((await topTurn(coder)) - (await topTurn(lead))), { timeout: 10_000 })
      .toBeLessThanOrEqual(1);
    await coder.screenshot({ path: "/tmp/concord-following.png" });
    await note.getByRole("button", { name: "Stop" }).click();
    await expect.poll(() => note.count()).toBe(0);
  });
});

describe("removing a coding", () => {
  it("takes its highlight away for everyone, and undo and redo bring it back and away again", async () => {
    const id = await codeWithPicker(lead, 4, 0, 30, "Undoable", lead);
    const drawnFor = async (page: Page) => id in (await renderedCodings(page));
    await expect.poll(() => drawnFor(coder)).toBe(true);

    // With the cursor inside the passage, the coding is listed under it, with a way to remove it.
    await selectInTurn(lead, 4, 10, 12);
    const listed = lead.locator('[data-coding-info="Undoable"]');
    await listed.getByRole("button", { name: "Remove" }).click();
    await expect.poll(() => drawnFor(lead)).toBe(false);
    await expect.poll(() => drawnFor(coder)).toBe(false);

    await lead.locator(".transcript").focus();
    await lead.keyboard.press("Control+z");
    await expect.poll(() => drawnFor(lead)).toBe(true);
    await expect.poll(() => drawnFor(coder)).toBe(true);
    expect((await renderedCodings(coder))[id]).toBe((await renderedCodings(lead))[id]);
    await lead.keyboard.press("Control+Shift+z");
    await expect.poll(() => drawnFor(lead)).toBe(false);
    await expect.poll(() => drawnFor(coder)).toBe(false);
  });
});

describe("correcting the text", () => {
  it("reaches a colleague as the owner types, and a coding in the turn keeps its passage", async () => {
    const id = await codeWithPicker(coder, 6, 0, 15, "Kept through corrections", lead);
    const passage = (await renderedCodings(lead))[id];

    await lead.getByLabel("Correct the text").check();
    await selectInTurn(lead, 6, 0, 0);
    await lead.keyboard.type("[sic] ");
    await expect.poll(() => turnText(coder, 6)).toMatch(/^\[sic\] /);
    expect(await turnText(lead, 6)).toBe(await turnText(coder, 6));
    expect((await renderedCodings(coder))[id]).toBe(passage);
    expect((await renderedCodings(lead))[id]).toBe(passage);
    await lead.getByLabel("Correct the text").uncheck();
  });
});

describe("coding offline", () => {
  it("keeps codings made without a connection after the tab is closed, and shares them on the next visit", async () => {
    // The browser keeps a copy of what the server sent (written once the page is idle).
    await expect.poll(() => updatesKeptLocally(coder)).toBeGreaterThan(0);
    await coderContext.setOffline(true);
    await coder.locator('[data-connection="offline"]').waitFor();
    const before = await updatesKeptLocally(coder);
    const earlier = new Set(Object.keys(await renderedCodings(coder)));
    await selectInTurn(coder, 2, 0, 25);
    await coder.getByRole("button", { name: "Code…" }).click();
    await coder.getByLabel("Find or create a code").fill("Funding");
    await coder.keyboard.press("Enter");
    // Written once the frame showing its highlight is on screen.
    const made = async () => Object.keys(await renderedCodings(coder)).filter((id) => !earlier.has(id));
    await expect.poll(made).toHaveLength(1);
    const [mine] = await made();
    // The browser has written it down before the tab goes away.
    await expect.poll(() => updatesKeptLocally(coder)).toBeGreaterThan(before);
    await coder.close();
    expect(Object.keys(await renderedCodings(lead))).not.toContain(mine);

    await coderContext.setOffline(false);
    coder = await openTranscript(coderContext, app.url, team, team.members[1] as Member);
    // Each step on its own, so a failure says where the coding stopped: the browser's copy, the
    // server, or the colleague's screen.
    await expect
      .poll(async () => Object.keys(await renderedCodings(coder)), {
        timeout: 15_000,
        message: "restored from IndexedDB",
      })
      .toContain(mine);
    await expect
      .poll(async () => serverCodingIds(team.transcriptId), {
        timeout: 15_000,
        message: "stored by the server",
      })
      .toContain(mine);
    await expect
      .poll(async () => Object.keys(await renderedCodings(lead)), {
        timeout: 15_000,
        message: "drawn for the lead",
      })
      .toContain(mine);
    expect((await renderedCodings(lead))[mine as string]).toBe(
      (await renderedCodings(coder))[mine as string],
    );
  });
});

describe("a long transcript with many codings", () => {
  it("draws the highlights on screen first, then every other one, and every coding ends up drawn", async () => {
    // The day-long hearing (1,471 turns), imported through the API, with 400 codings spread over it.
    const hearing = fileURLToPath(
      new URL(
        "../../../shared/fixtures/transcripts/ukcovid-inquiry_M6_2025-07-02_adult-social-care_FULL-DAY.rst",
        import.meta.url,
      ),
    );
    const draft = await importTranscript({ name: hearing, bytes: readFileSync(hearing) });
    const created = await fetch(`${app.url}/api/projects/${team.projectId}/transcripts`, {
      method: "POST",
      headers: { authorization: `Bearer ${team.token}`, "content-type": "application/json" },
      body: JSON.stringify({ name: "Module 6", sourceFormat: draft.format, blocks: draft.blocks }),
    }).then((r) => r.json() as Promise<{ transcript: { id: string } }>);
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(
      `${app.url.replace("http", "ws")}/sync`,
      `transcript.${team.projectId}.${created.transcript.id}`,
      doc,
      {
        WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
        disableBc: true,
        params: { token: team.token },
      },
    );
    await new Promise<void>((resolve) => provider.once("sync", () => resolve()));
    const index = indexTranscript(transcriptContent(doc));
    doc.transact(() => {
      for (let n = 0; n < 400; n++) {
        const start = Math.floor((n / 400) * (index.length - 100));
        applyCode(doc, doc, { start, end: start + 40 }, "code-a", team.leadId, index);
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    provider.destroy();

    await lead.goto(`${app.url}/projects/${team.projectId}/transcripts/${created.transcript.id}`);
    await lead.waitForFunction(
      () => document.querySelector(".transcript")?.getAttribute("data-placed") === "400",
    );
    await lead.waitForFunction(
      () => document.querySelector(".transcript")?.getAttribute("data-drawn") === "all",
      null,
      {
        timeout: 30_000,
      },
    );
    // Drawn in steps: the page marked the moment the last far-away highlights were drawn.
    expect(
      await lead.evaluate(() => performance.getEntriesByName("concord:all-highlights-drawn").length),
    ).toBe(1);
    expect(Object.keys(await renderedCodings(lead))).toHaveLength(400);
  });
});

describe("a hostile member in the room", () => {
  it("breaks nobody's page: refused garbage, an anchor that points nowhere, bad cursors, a poison update", async () => {
    const problems: string[] = [];
    for (const page of [lead, coder]) {
      page.on("pageerror", (error) => problems.push(error.message));
      page.on("console", (message) => {
        if (message.type() === "error") problems.push(message.text());
      });
    }
    const url = `${app.url}/projects/${team.projectId}/transcripts/${team.transcriptId}`;
    await Promise.all([lead.goto(url), coder.goto(url)]);
    await Promise.all([lead, coder].map((page) => page.locator(".transcript .speaker").first().waitFor()));
    const attribute = (page: Page, name: string) =>
      page.evaluate((n) => Number(document.querySelector(".transcript")?.getAttribute(n)), name);
    const [placed, orphans] = [await attribute(lead, "data-placed"), await attribute(lead, "data-orphans")];

    // Coder 1's own token in a script of theirs: the server takes its writes where the rules allow.
    const hostile = team.members[1] as Member;
    const { token } = (await fetch(`${app.url}/api/tokens`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        origin: app.url,
        cookie: `concord_session=${hostile.cookie}`,
      },
      body: JSON.stringify({ name: "a hostile script", expiresInDays: 1 }),
    }).then((r) => r.json())) as { token: string };
    const connect = async (room: string) => {
      const doc = new Y.Doc();
      const provider = new WebsocketProvider(`${app.url.replace("http", "ws")}/sync`, room, doc, {
        WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
        disableBc: true,
        params: { token },
      });
      const closed = new Promise<number>((resolve) =>
        provider.on("closed", (e: { code: number }) => resolve(e.code)),
      );
      await new Promise<void>((resolve) => provider.once("sync", () => resolve()));
      return { doc, provider, closed };
    };
    const transcriptRoom = `transcript.${team.projectId}.${team.transcriptId}`;
    const nowhere = (clock: number) =>
      Y.createRelativePositionFromJSON({
        item: { client: 424242, clock },
        type: null,
        tname: null,
        assoc: 0,
      });

    // A cursor whose positions read as positions but point at nothing, under the member's own name.
    const watcher = await connect(transcriptRoom);
    watcher.provider.awareness.setLocalState({
      user: { id: hostile.id, name: hostile.name, color: "#123456" },
      cursor: { anchor: Y.relativePositionToJSON(nowhere(1)), head: Y.relativePositionToJSON(nowhere(9)) },
    });
    // A coding of their own whose anchor decodes but belongs to no type: stored, and an orphan.
    const encoded = (clock: number) =>
      Buffer.from(Y.encodeRelativePosition(nowhere(clock))).toString("base64");
    watcher.doc.getMap("codings").set(
      "nowhere",
      JSON.stringify({
        codeId: "c",
        coderId: hostile.id,
        anchor: {
          start: encoded(1),
          end: encoded(9),
          quote: { prefix: "", exact: "no such words", suffix: "" },
        },
        createdAt: Date.now(),
      }),
    );
    await expect.poll(() => attribute(lead, "data-orphans")).toBe(orphans + 1);

    // Garbage, a poison update and a broken code: each refused, the sender closed with 4422.
    const attacks: [string, (doc: Y.Doc, provider: WebsocketProvider) => void][] = [
      [
        transcriptRoom,
        (doc) => doc.getMap("codings").set("garbage", JSON.stringify({ codeId: "c", coderId: hostile.id })),
      ],
      [transcriptRoom, (doc) => doc.getMap("codings").set("not-a-coding", null)],
      [
        transcriptRoom,
        (_doc, provider) => {
          // One struct whose left neighbour is a later clock of its own client: Yjs throws on it.
          const poison = Uint8Array.of(1, 1, 0xcb, 0x8c, 0x05, 0, 0x84, 0xcb, 0x8c, 0x05, 9, 1, 0x78, 0);
          provider.ws?.send(Uint8Array.of(0, 2, poison.length, ...poison));
        },
      ],
      [
        `project.${team.projectId}`,
        (doc) => doc.getMap("codes").set("bad-code", new Y.Map([["name", { not: "text" }]])),
      ],
      [
        `transcript.${team.projectId}.${team.transcriptId}`,
        (doc) => doc.getXmlFragment("content").insert(0, [new Y.XmlText("x")]),
      ],
    ];
    for (const [room, attack] of attacks) {
      const client = await connect(room);
      attack(client.doc, client.provider);
      expect(await client.closed).toBe(4422);
      client.provider.destroy();
    }
    await lead.waitForTimeout(300);
    expect(await lead.locator('.code-row[data-code-name="(unnamed)"]').count()).toBe(0);

    // Both pages still code, and each sees the other's coding.
    await selectInTurn(lead, 3, 0, 20);
    await lead.getByRole("button", { name: "Code…" }).click();
    await lead.getByLabel("Find or create a code").fill("Barriers");
    await lead.keyboard.press("Enter");
    await expect.poll(() => attribute(coder, "data-placed")).toBe(placed + 1);
    await selectInTurn(coder, 4, 0, 12);
    await coder.getByRole("button", { name: "Code…" }).click();
    await coder.getByLabel("Find or create a code").fill("Barriers");
    await coder.keyboard.press("Enter");
    await expect.poll(() => attribute(lead, "data-placed")).toBe(placed + 2);
    expect(problems.filter((p) => !p.includes("WebSocket connection"))).toEqual([]);
    watcher.provider.destroy();
  });
});

describe("opening a transcript", () => {
  it("fetches its document and details while the code loads, and loads this browser's copy next time", async () => {
    const member = team.members[1] as Member;
    const context = await session.browser.newContext({ viewport: { width: 1300, height: 900 } });
    const asked: string[] = [];
    context.on("request", (request) => {
      const path = new URL(request.url()).pathname;
      if (path.startsWith("/api/projects/")) asked.push(path);
    });
    const base = `/api/projects/${team.projectId}`;
    const transcriptPath = `${base}/transcripts/${team.transcriptId}`;
    const documentPath = `${transcriptPath}/document`;
    const early = [documentPath, base, transcriptPath, `${base}/members`];
    /** When each early request started and when the page's scripts had run, on the page's clock. */
    const timing = (page: Page) =>
      page.evaluate((paths) => {
        const started = (performance.getEntriesByType("resource") as PerformanceResourceTiming[])
          .filter((entry) => paths.includes(new URL(entry.name).pathname))
          .map((entry) => entry.startTime);
        const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
        return { started, scriptsRun: nav.domContentLoadedEventEnd };
      }, early);
    const sameAsLead = async (page: Page) => {
      await expect
        .poll(async () => Object.keys(await renderedCodings(page)).sort(), { timeout: 15_000 })
        .toEqual(Object.keys(await renderedCodings(lead)).sort());
      expect(await turnText(page, 6)).toBe(await turnText(lead, 6));
    };

    let page = await openTranscript(context, app.url, team, member);
    // Each asked for once, before the app's code had finished running, and the document was used.
    for (const path of early) expect(asked.filter((p) => p === path)).toHaveLength(1);
    const first = await timing(page);
    expect(first.started).toHaveLength(4);
    for (const at of first.started) expect(at).toBeLessThan(first.scriptsRun);
    expect(
      await page.evaluate(() => performance.getEntriesByName("concord:transcript:early-document").length),
    ).toBe(1);
    await sameAsLead(page);

    // Next time this browser has its copy: no document fetched, the same text and highlights.
    await expect.poll(() => updatesKeptLocally(page)).toBeGreaterThan(0);
    await page.close();
    asked.length = 0;
    page = await openTranscript(context, app.url, team, member);
    expect(asked).not.toContain(documentPath);
    await sameAsLead(page);
    await context.close();
  });
});
