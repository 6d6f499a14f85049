import { fileURLToPath } from "node:url";
import { applyCode } from "@concord/anchoring";
import { createCode, forEachCoding, listCodes } from "@concord/schema";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessibilityProblems } from "../support/accessibility";
import { callAs, joinRoom, revealAndOpenPages } from "../support/room-calls";
import { type Member, tokenFor } from "../support/team";
import { startTeamSession, type TeamSession } from "../support/team-session";
import { selectInTurn } from "../support/transcript-page";

const interview = fileURLToPath(
  new URL("../../../shared/fixtures/transcripts/pdpilot/P1.txt", import.meta.url),
);

let session: TeamSession;
let trust = "";
const pages: Page[] = [];

const join = (room: string, token: string) => joinRoom(session.app.url, room, token);
const call = (member: Member, method: string, path: string, body?: unknown) =>
  callAs(session.app.url, member, method, path, body);

beforeAll(async () => {
  session = await startTeamSession(2, interview);
  const { team } = session;
  const [lead, ann, bob] = team.members as [Member, Member, Member];
  const project = await join(`project.${team.projectId}`, team.token);
  trust = createCode(
    project.doc,
    { name: "Trust", description: "Confidence that others will act well." },
    team.leadId,
  );
  await new Promise((resolve) => setTimeout(resolve, 300));
  project.leave();
  const { round } = await call(lead, "POST", `/projects/${team.projectId}/rounds`, {
    name: "Pilot",
    transcriptIds: [team.transcriptId],
    coderIds: [ann.id, bob.id],
  });
  const roundId = (round as { id: string }).id;
  const text = await join(`transcript.${team.projectId}.${team.transcriptId}`, team.token);
  // Ann and Bob code the first turn with different boundaries; only Bob codes the fourth.
  for (const [member, ranges] of [
    [ann, [[0, 30]]],
    [
      bob,
      [
        [0, 60],
        [300, 340],
      ],
    ],
  ] as const) {
    const layer = await join(
      `layer.${team.projectId}.${team.transcriptId}.${roundId}.${member.id}`,
      await tokenFor(session.app.url, member),
    );
    for (const [start, end] of ranges) applyCode(layer.doc, text.doc, { start, end }, trust, member.id);
    await new Promise((resolve) => setTimeout(resolve, 300));
    layer.leave();
  }
  text.leave();
  pages.push(...(await revealAndOpenPages(session, lead, roundId, [lead, ann, bob])));
}, 120_000);

afterAll(async () => {
  await session?.stop();
});

describe("a consensus meeting", () => {
  it("takes a thread marked for the meeting onto its agenda", async () => {
    const lead = pages[0] as Page;
    await lead.goto(
      `${session.app.url}/projects/${session.team.projectId}/transcripts/${session.team.transcriptId}`,
    );
    await lead.locator(".transcript .speaker").first().waitFor();
    await lead.locator('[data-connection="online"]').waitFor();
    // The page may still be drawing when the first selection is made: select again until it is taken up.
    const comment = lead.getByRole("button", { name: "Comment…" });
    for (let attempt = 0; attempt < 10 && !(await comment.isVisible()); attempt++) {
      await selectInTurn(lead, 90, 0, 10);
      await comment.waitFor({ timeout: 1000 }).catch(() => {});
    }
    await comment.click();
    await lead.getByLabel("New comment").fill("Trust, or only courtesy?");
    await lead.getByRole("button", { name: "Comment", exact: true }).click();
    await lead.getByRole("button", { name: "For the meeting" }).click();
    await lead.getByRole("button", { name: "Marked for the meeting" }).waitFor();
    await lead.goto(`${session.app.url}/projects/${session.team.projectId}`);
    await lead.getByText("for the meeting", { exact: true }).waitFor();
  });

  it("is prepared from a revealed round, and the others join it from the project page", async () => {
    const [lead, ann, bob] = pages as [Page, Page, Page];
    await lead.goto(`${session.app.url}/projects/${session.team.projectId}`);
    await lead.getByRole("button", { name: "Prepare a meeting" }).click();
    await lead.getByRole("button", { name: "Start the meeting" }).click();
    await lead.getByRole("navigation", { name: "Agenda" }).waitFor();
    for (const page of [ann, bob]) {
      await page.goto(`${session.app.url}/projects/${session.team.projectId}`);
      await page.getByRole("link", { name: "Meeting on Pilot" }).click();
      await page.getByRole("navigation", { name: "Agenda" }).waitFor();
    }
    expect(await lead.locator(".agenda li").count()).toBe(3);
    expect(await accessibilityProblems(lead)).toEqual([]);
    // Agreement is worked out from every layer: a page asks for it again only when a decision (or a
    // codebook change) could have moved it, not with each look at the meeting every few seconds.
    const asked: string[] = [];
    ann.on("request", (request) => {
      if (request.url().includes("/agreement")) asked.push(request.url());
    });
    for (let poll = 0; poll < 2; poll++)
      await ann.waitForRequest((request) => /\/meetings\/[^/]+$/.test(new URL(request.url()).pathname));
    expect(asked).toEqual([]);
  });

  it("has everyone follow the facilitator, type the rationale together, and see the decision land", async () => {
    const [lead, ann, bob] = pages as [Page, Page, Page];
    const items = lead.locator(".agenda li button");
    await items.nth(1).click();
    await items.nth(0).click();
    for (const page of [ann, bob]) {
      await expect
        .poll(() => page.locator(".agenda li.current").getAttribute("data-item"))
        .toBe(await lead.locator(".agenda li.current").getAttribute("data-item"));
    }
    // Each coder's version of the passage, side by side, and the code's definition.
    expect(await ann.locator(".version").count()).toBe(2);
    expect(await ann.locator(".definition").textContent()).toContain("Confidence that others will act well.");
    const field = ann.getByLabel("Rationale for “Trust” here");
    await field.click();
    await ann.keyboard.type("Both coders see trust; Bob's reading is the fuller one.");
    await expect
      .poll(() => lead.getByLabel("Rationale for “Trust” here").inputValue())
      .toBe("Both coders see trust; Bob's reading is the fuller one.");
    expect(await accessibilityProblems(ann)).toEqual([]);
    await lead.getByRole("button", { name: "Keep Coder 2's version" }).click();
    for (const page of [lead, ann, bob]) {
      await expect
        .poll(() => page.locator("[data-decision]").textContent(), { timeout: 10_000 })
        .toContain("keep Coder 2's version");
    }
    await expect
      .poll(() => lead.locator("[data-agreement]").textContent())
      .toMatch(
        /among the coders before the meeting; each coder with the shared codings agreed and decided so far: Coder 1 1\.000, Coder 2 0\.\d{3}\./,
      );
    await lead.screenshot({ path: "/tmp/concord-meeting.png", fullPage: true });
    // A non-facilitator steps away to another item and comes back.
    await bob.locator(".agenda li button").nth(1).click();
    await bob.getByRole("button", { name: "Back to the facilitator" }).click();
    expect(await bob.locator(".agenda li.current").getAttribute("data-item")).toBe(
      await lead.locator(".agenda li.current").getAttribute("data-item"),
    );
  });

  it("goes on when the facilitator hands over, and a page that reloads comes back to the same place", async () => {
    const [lead, ann, bob] = pages as [Page, Page, Page];
    await lead.getByLabel("Hand the facilitation to").selectOption({ label: "Coder 1" });
    await lead.getByRole("button", { name: "Hand over" }).click();
    // The first item is decided: its choices are behind "Reopen", so that no stray click changes it.
    await ann.getByRole("button", { name: "Reopen this decision…" }).waitFor({ timeout: 10_000 });
    expect(await ann.getByRole("button", { name: "Union" }).count()).toBe(0);
    await ann.locator(".agenda li button").nth(1).click();
    const second = await ann.locator(".agenda li").nth(1).getAttribute("data-item");
    for (const page of [lead, bob]) {
      await expect.poll(() => page.locator(".agenda li.current").getAttribute("data-item")).toBe(second);
    }
    await ann.reload();
    await ann.getByRole("navigation", { name: "Agenda" }).waitFor();
    await expect.poll(() => ann.locator(".agenda li.current").getAttribute("data-item")).toBe(second);
    expect(await accessibilityProblems(lead)).toEqual([]);
  });

  it("splits a code into new ones with their definitions, and reopens a decision as a new version", async () => {
    const ann = pages[1] as Page;
    const bob = pages[2] as Page;
    // Ann facilitates now, on the second item (only Bob coded it).
    await ann.getByText("Change the codebook: “Trust”").click();
    await ann.getByLabel("Split it into new codes").check();
    await ann.getByLabel("New code 1", { exact: true }).fill("Trust in partners");
    await ann.getByLabel("Definition of new code 1").fill("Confidence in the partnership's members.");
    await ann.getByLabel("New code 2", { exact: true }).fill("Trust in data");
    await ann.getByLabel("Definition of new code 2").fill("Confidence in the figures shared.");
    await ann.getByLabel(/Archive “Trust” once split/).check();
    await ann.screenshot({ path: "/tmp/concord-meeting-split.png", fullPage: true });
    expect(await ann.locator("[data-code-changed]").count()).toBe(0);
    await ann.getByRole("button", { name: "Split the code" }).click();
    await ann.getByText("The codebook is changed").waitFor();
    // The item is still on the code it was about, now archived: the page says how to code it anew.
    for (const page of [ann, bob])
      await expect
        .poll(() => page.locator("[data-code-changed]").textContent())
        .toContain("“Trust” is archived");
    const { team } = session;
    const project = await join(`project.${team.projectId}`, team.token);
    const made = listCodes(project.doc).filter((c) => c.name.startsWith("Trust in"));
    project.leave();
    expect(made.map((c) => [c.name, c.description]).sort()).toEqual([
      ["Trust in data", "Confidence in the figures shared."],
      ["Trust in partners", "Confidence in the partnership's members."],
    ]);
    // Deciding, then changing one's mind: the decision is reopened, never silently rewritten.
    await ann.getByRole("button", { name: "No code" }).click();
    await ann.locator("[data-decision]").getByText("Decided (version 1)").waitFor({ timeout: 10_000 });
    // Words typed after a decision are not part of it: the page says so until it is decided again.
    await ann.getByLabel("Rationale for “Trust” here").click();
    await ann.keyboard.type("Only Bob saw it; on reflection it is trust.");
    await ann.locator("[data-rationale-changed]").waitFor();
    await ann.getByRole("button", { name: "Reopen this decision…" }).click();
    await ann.getByText("a new decision becomes version 2").waitFor();
    await ann.screenshot({ path: "/tmp/concord-meeting-reopen.png", fullPage: true });
    // By keyboard: the focus lands on the decision once the choices are gone.
    await ann.getByRole("button", { name: "Keep Coder 2's version" }).focus();
    await ann.keyboard.press("Enter");
    await expect
      .poll(() => ann.evaluate(() => document.activeElement?.hasAttribute("data-decision") ?? false))
      .toBe(true);
    for (const page of [ann, bob]) {
      await expect
        .poll(() => page.locator("[data-decision]").textContent(), { timeout: 10_000 })
        .toContain("Decided (version 2)");
    }
    expect(await ann.getByRole("button", { name: "Reopen this decision…" }).count()).toBe(1);
    // Version 2 recorded the rationale as typed.
    await expect.poll(() => ann.locator("[data-rationale-changed]").count()).toBe(0);
    expect(await accessibilityProblems(ann)).toEqual([]);
  });

  it("resolves the marked thread when its item is decided", async () => {
    const ann = pages[1] as Page;
    await ann.locator(".agenda li button").nth(2).click();
    await ann.locator(".thread-comments").getByText("Trust, or only courtesy?").waitFor();
    await ann.getByRole("button", { name: "Decide: resolve the thread" }).click();
    await ann.locator("[data-decision]").getByText("the thread is resolved").waitFor({ timeout: 10_000 });
  });

  it("writes the decision into the shared codings and the minutes", async () => {
    const { team } = session;
    const text = await join(`transcript.${team.projectId}.${team.transcriptId}`, team.token);
    const decided: { decisionId?: string; quote: string }[] = [];
    forEachCoding(text.doc, (coding) =>
      decided.push({ decisionId: coding.decisionId, quote: coding.anchor.quote.exact }),
    );
    text.leave();
    // The first item's decision and the second's (its second version).
    expect(decided).toHaveLength(2);
    expect(decided.every((c) => c.decisionId)).toBe(true);
    const lead = pages[0] as Page;
    const meetingUrl = lead.url();
    const minutes = await lead.evaluate(async (url) => {
      const path = new URL(url).pathname;
      return (await fetch(`/api${path}/minutes?format=md`)).text();
    }, meetingUrl);
    expect(minutes).toContain("> Both coders see trust; Bob's reading is the fuller one.");
    expect(minutes).toContain("- Decided: keep Coder 2's version.");
    expect(minutes).toMatch(/- Earlier version: no code here, by Coder 1, /);
    expect(minutes).toContain("## Open items");
  });

  it("is held on the shared codings of coders who coded live, and its decision replaces their versions", async () => {
    const { team } = session;
    const [, annMember, bobMember] = team.members as [Member, Member, Member];
    const project = await join(`project.${team.projectId}`, team.token);
    const voice = createCode(project.doc, { name: "Voice" }, team.leadId);
    await new Promise((resolve) => setTimeout(resolve, 300));
    project.leave();
    const text = await join(`transcript.${team.projectId}.${team.transcriptId}`, team.token);
    for (const [member, end] of [
      [annMember, 1030],
      [bobMember, 1090],
    ] as const) {
      const live = await join(
        `transcript.${team.projectId}.${team.transcriptId}`,
        await tokenFor(session.app.url, member),
      );
      applyCode(live.doc, text.doc, { start: 1000, end }, trust, member.id);
      // Coder 1 also reads the passage as "Voice": a second item on the same passage.
      if (member === annMember) applyCode(live.doc, text.doc, { start: 1000, end }, voice, member.id);
      await new Promise((resolve) => setTimeout(resolve, 300));
      live.leave();
    }
    text.leave();
    const lead = pages[0] as Page;
    await lead.goto(`${session.app.url}/projects/${team.projectId}`);
    await lead.getByRole("button", { name: "Meeting on shared codings…" }).click();
    await lead.getByRole("checkbox", { name: "Participant 1" }).check();
    await lead.getByRole("checkbox", { name: "Coder 1" }).check();
    await lead.getByRole("checkbox", { name: "Coder 2" }).check();
    expect(await accessibilityProblems(lead)).toEqual([]);
    await lead.getByRole("button", { name: "Start the meeting" }).click();
    await lead.getByRole("navigation", { name: "Agenda" }).waitFor();
    expect(await lead.locator(".agenda li").count()).toBe(2);
    // Two codes on one passage are two items: each points to the other, to be decided together.
    for (let i = 0; i < 2; i++) {
      const related = lead.locator("[data-related]");
      await related.waitFor();
      const heading = (await lead.locator("#item-heading").textContent()) ?? "";
      if (heading.includes("“Trust”")) {
        expect(await related.textContent()).toContain("“Voice”");
        await lead.getByRole("button", { name: "Keep Coder 1's version" }).click();
      } else {
        expect(await related.textContent()).toContain("“Trust”");
        await lead.getByRole("button", { name: "No code" }).click();
      }
      await lead.locator("[data-decision]").waitFor({ timeout: 10_000 });
      if (i === 0) {
        expect(await accessibilityProblems(lead)).toEqual([]);
        await related.getByRole("button").click();
        await expect.poll(() => lead.locator("#item-heading").textContent()).not.toBe(heading);
      }
    }
    await expect.poll(() => lead.getByText("2 of 2 items decided").count()).toBe(1);
    const after = await join(`transcript.${team.projectId}.${team.transcriptId}`, team.token);
    const live: { decided: boolean; length: number }[] = [];
    forEachCoding(after.doc, (coding) =>
      live.push({ decided: coding.decisionId !== undefined, length: coding.anchor.quote.exact.length }),
    );
    after.leave();
    // The earlier meeting's decided coding, and this one's in place of both coders' versions.
    expect(live.filter((c) => !c.decided)).toEqual([]);
    expect(live.filter((c) => c.decided).map((c) => c.length)).toContain(30);
    await lead.goto(`${session.app.url}/projects/${team.projectId}`);
    await lead.getByText("Meetings on shared codings:").waitFor();
  });
});
