import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { krippendorffAlpha } from "@concord/agreement";
import { indexTranscript, resolveAnchor } from "@concord/anchoring";
import { importTranscript } from "@concord/importers";
import { createCode, forEachDistinctCoding, transcriptContent } from "@concord/schema";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { accessibilityProblems } from "../support/accessibility";
import type { Member } from "../support/team";
import { startTeamSession, type TeamSession } from "../support/team-session";
import { renderedCodings, selectInTurn } from "../support/transcript-page";

const interview = fileURLToPath(
  new URL("../../../shared/fixtures/transcripts/pdpilot/P1.txt", import.meta.url),
);
const second = fileURLToPath(new URL("../fixtures/paragraphs.md", import.meta.url));

let session: TeamSession;
let lead: Page;
let coders: Page[] = [];
let secondTranscript = "";
let roundId = "";
/** What each coder codes in the first transcript: [turn, start, end, code]. */
const plan: [number, number, number, string][][] = [
  [
    [0, 0, 30, "Trust"],
    [3, 0, 20, "Power"],
  ],
  [
    [0, 0, 30, "Trust"],
    [2, 0, 25, "Trust"],
  ],
  [
    [3, 0, 20, "Power"],
    [4, 0, 20, "Habit"],
  ],
];

/** The stock client in a room with the lead's token: how the test reads what the server stores. */
async function stored(room: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${session.app.url.replace("http", "ws")}/sync`, room, doc, {
    WebSocketPolyfill: WebSocket as never,
    disableBc: true,
    params: { token: session.team.token },
  });
  await new Promise<void>((resolve, reject) => {
    provider.on("sync", (synced: boolean) => synced && resolve());
    provider.on(
      "connection-close",
      (event) => event && event.code >= 4000 && reject(new Error(`closed ${event.code}`)),
    );
  });
  provider.destroy();
  return doc;
}

async function api(page: Page, method: string, path: string, body?: unknown) {
  return page.evaluate(
    async ([m, p, b]) => {
      const response = await fetch(`/api${p}`, {
        method: m,
        headers: b === undefined ? {} : { "content-type": "application/json" },
        body: b === undefined ? undefined : JSON.stringify(b),
      });
      return { status: response.status, body: await response.json() };
    },
    [method, path, body] as const,
  );
}

beforeAll(async () => {
  session = await startTeamSession(3, interview);
  const { team, app } = session;
  // A second transcript, and two codes in the codebook, as the lead would make them.
  const leadMember = team.members[0] as Member;
  const context = await session.browser.newContext({ viewport: { width: 1280, height: 720 } });
  await context.addCookies([{ name: "concord_session", value: leadMember.cookie, url: app.url }]);
  lead = await context.newPage();
  await lead.goto(`${app.url}/projects/${team.projectId}`);
  const draft = await importTranscript({ name: second, bytes: readFileSync(second) });
  const made = await api(lead, "POST", `/projects/${team.projectId}/transcripts`, {
    name: "Participant 2",
    sourceFormat: draft.format,
    blocks: draft.blocks,
  });
  secondTranscript = made.body.transcript.id;
  const projectRoom = new Y.Doc();
  const provider = new WebsocketProvider(
    `${app.url.replace("http", "ws")}/sync`,
    `project.${team.projectId}`,
    projectRoom,
    {
      WebSocketPolyfill: WebSocket as never,
      disableBc: true,
      params: { token: team.token },
    },
  );
  await new Promise<void>((resolve) => provider.on("sync", (synced: boolean) => synced && resolve()));
  createCode(projectRoom, { name: "Trust" }, team.leadId);
  createCode(projectRoom, { name: "Power" }, team.leadId);
  createCode(projectRoom, { name: "Habit" }, team.leadId);
  await new Promise((resolve) => setTimeout(resolve, 500));
  provider.destroy();
}, 120_000);

afterAll(async () => {
  await session?.stop();
});

describe("a blind coding round, from its start to its agreement", () => {
  it("an owner starts a round of two transcripts for three coders", async () => {
    await lead.reload();
    await lead.getByRole("button", { name: "New round…" }).click();
    const dialog = lead.getByRole("dialog");
    await dialog.getByLabel("Name").fill("Pilot round");
    await dialog.getByLabel("Participant 1").check();
    await dialog.getByLabel("Participant 2").check();
    for (const name of ["Coder 1", "Coder 2", "Coder 3"]) await dialog.getByLabel(name).check();
    expect(await accessibilityProblems(lead)).toEqual([]);
    await lead.screenshot({ path: "/tmp/concord-new-round.png" });
    await dialog.getByRole("button", { name: "Start the round" }).click();
    await lead.locator('[data-round="Pilot round"]').waitFor();
    expect(await lead.locator('[data-round="Pilot round"]').textContent()).toContain(
      "open: coders code blind",
    );
    const rounds = await api(lead, "GET", `/projects/${session.team.projectId}/rounds`);
    roundId = rounds.body.rounds[0].id;
  });

  it("three coders code the same passages differently, none seeing another's work", async () => {
    coders = [];
    for (const member of session.team.members.slice(1)) {
      const { page } = await session.open(member, { width: 1280, height: 720 });
      await page.getByText("You are coding blind in “Pilot round”").waitFor();
      coders.push(page);
    }
    for (const [i, page] of coders.entries()) {
      for (const [turn, start, end, code] of plan[i] ?? []) {
        await selectInTurn(page, turn, start, end);
        await page.getByRole("button", { name: "Code…" }).click();
        await page.getByLabel("Find or create a code").fill(code);
        await page.keyboard.press("Enter");
        await page.locator(`[data-coding-info="${code}"]`).first().waitFor();
      }
    }
    for (const [i, page] of coders.entries()) {
      await expect.poll(async () => Object.keys(await renderedCodings(page)).length).toBe(plan[i]?.length);
    }
    // Give colleagues' codings, cursors and selections every chance to arrive, then look again.
    await coders[0]?.waitForTimeout(1500);
    for (const [i, page] of coders.entries()) {
      expect(Object.keys(await renderedCodings(page))).toHaveLength(plan[i]?.length ?? 0);
      expect(await page.locator(".ProseMirror-yjs-cursor, .ProseMirror-yjs-selection").count()).toBe(0);
    }
    // The first coder asks about a passage: the thread is theirs alone until the reveal.
    const first = coders[0] as Page;
    await selectInTurn(first, 6, 0, 10);
    await first.getByRole("button", { name: "Comment…" }).click();
    await first.getByLabel("New comment").fill("Is this trust, or habit?");
    await first.getByRole("button", { name: "Comment", exact: true }).click();
    await first.getByText("Is this trust, or habit?").last().waitFor();
    await first.waitForTimeout(1000);
    for (const page of coders.slice(1))
      expect(await page.getByText("Is this trust, or habit?").count()).toBe(0);
    expect(await lead.getByText("Is this trust, or habit?").count()).toBe(0);
    expect(await accessibilityProblems(coders[0] as Page)).toEqual([]);
    await coders[0]?.screenshot({ path: "/tmp/concord-blind-coding.png" });
    // The shared codings stay empty: nothing of the round reached them.
    const shared = await stored(`transcript.${session.team.projectId}.${session.team.transcriptId}`);
    expect(shared.getMap("codings").size).toBe(0);
  });

  it("the owner reveals the round and every page can show every layer", async () => {
    await lead.getByRole("button", { name: "Close for coding" }).click();
    await lead.getByRole("button", { name: "Reveal…" }).click();
    expect(await accessibilityProblems(lead)).toEqual([]);
    await lead.getByRole("button", { name: "Reveal the round" }).click();
    await expect.poll(() => lead.locator('[data-round="Pilot round"]').textContent()).toContain("revealed");
    const total = plan.flat().length;
    for (const page of coders) {
      const chooser = page.getByLabel("Which codings to show");
      await expect.poll(() => chooser.locator("option").count()).toBeGreaterThan(4);
      await chooser.selectOption({ label: "Pilot round: all coders, a colour each" });
      await expect.poll(async () => Object.keys(await renderedCodings(page)).length).toBe(total);
    }
    await coders[1]?.screenshot({ path: "/tmp/concord-layers-overlaid.png" });
    // The first coder's thread from the round is kept with their layer, for everyone to read now.
    const second = coders[1] as Page;
    await second.getByLabel("Which codings to show").selectOption({ label: "Pilot round: Coder 1" });
    await second.getByText("Is this trust, or habit?").first().waitFor();
  });

  it("the dashboard's figures equal those computed from the stored layers", async () => {
    const { projectId, transcriptId } = session.team;
    // Independently: read each coder's stored layer and the texts, place the codings, and ask for each
    // code whether each coder applied it to each turn of both transcripts.
    const codeNames = new Map<string, string>();
    const project = await stored(`project.${projectId}`);
    project.getMap("codes").forEach((code, id) => {
      codeNames.set(id, (code as Y.Map<string>).get("name") ?? "");
    });
    const matrix: Record<string, number[][]> = { Trust: [[], [], []], Power: [[], [], []] };
    for (const t of [transcriptId, secondTranscript]) {
      const text = await stored(`transcript.${projectId}.${t}`);
      const index = indexTranscript(transcriptContent(text));
      const turns = new Map<number, { start: number; end: number }>();
      for (const block of index.blocks) {
        if (block.kind !== "turn") continue;
        const turn = turns.get(block.turn);
        turns.set(block.turn, { start: turn?.start ?? block.start, end: block.start + block.length });
      }
      for (const [c, member] of session.team.members.slice(1).entries()) {
        const layer = await stored(`layer.${projectId}.${t}.${roundId}.${member.id}`);
        const ranges: { code: string; start: number; end: number }[] = [];
        forEachDistinctCoding(layer, (coding) => {
          const range = resolveAnchor(text, index, coding.anchor);
          if (range) ranges.push({ code: codeNames.get(coding.codeId) ?? "", ...range });
        });
        for (const code of ["Trust", "Power"]) {
          for (const turn of turns.values()) {
            const applied = ranges.some((r) => r.code === code && r.start < turn.end && r.end > turn.start);
            matrix[code]?.[c]?.push(applied ? 1 : 0);
          }
        }
      }
    }
    await lead.goto(`${session.app.url}/projects/${projectId}/rounds/${roundId}`);
    await lead.locator("[data-unit-note]").waitFor();
    for (const code of ["Trust", "Power"]) {
      const expected = krippendorffAlpha(matrix[code] as number[][]) as number;
      const shown = await lead.locator(`tr[data-code="${code}"] [data-alpha]`).textContent();
      expect(Number(shown), code).toBeCloseTo(expected, 3);
    }
    expect(await lead.locator("[data-unit-note]").textContent()).toContain(
      "A turn nobody gave a code counts",
    );
    expect(await accessibilityProblems(lead)).toEqual([]);
    await lead.screenshot({ path: "/tmp/concord-dashboard.png", fullPage: true });
    // A cell of the map opens its own passages, even after a cell without a value (Coder 1 and Coder 2
    // never applied Habit): cells are Habit, Power, Trust for each pair in turn.
    await lead.locator(".heat-map svg rect").nth(1).click();
    await lead.getByRole("heading", { name: "Where Coder 1 and Coder 2 differ on “Power”" }).waitFor();
    // A cell of the table lists the passages where that pair differs, with both versions.
    await lead.getByRole("button", { name: /passages where Coder 1 & Coder 2 differ on Trust$/ }).click();
    await lead.getByRole("heading", { name: "Where Coder 1 and Coder 2 differ on “Trust”" }).waitFor();
    expect(await lead.locator(".disagreements li").count()).toBe(1);
    expect(await lead.locator(".disagreements li").textContent()).toContain("did not apply it here");
    expect(await accessibilityProblems(lead)).toEqual([]);
  });
});
