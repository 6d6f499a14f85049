import { fileURLToPath } from "node:url";
import { applyCode, createAnchor, indexTranscript } from "@concord/anchoring";
import { createCode, forEachCoding, transcriptContent } from "@concord/schema";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessibilityProblems } from "../support/accessibility";
import { callAs, joinRoom, revealAndOpenPages } from "../support/room-calls";
import { type Member, tokenFor } from "../support/team";
import { startTeamSession, type TeamSession } from "../support/team-session";
import { renderedCodings } from "../support/transcript-page";

const interview = fileURLToPath(
  new URL("../../../shared/fixtures/transcripts/pdpilot/P1.txt", import.meta.url),
);

/** Eight passages of the interview, far apart: Coder 1 codes the even ones "Trust", Coder 2 the odd. */
const PASSAGES = Array.from({ length: 8 }, (_, i) => ({ start: 200 + i * 1200, end: 240 + i * 1200 }));
/** A passage both coders code "Voice" alike: taken into the shared codings as agreed, never on the agenda. */
const AGREED = { start: 13_500, end: 13_560 };
const THREADS = [
  { at: 11_000, body: "Is this co-production or consultation?" },
  { at: 12_500, body: "Should “Trust” include trust in data?" },
];

let session: TeamSession;
let meetingUrl = "";
const pages: Page[] = [];

const join = (room: string, token: string) => joinRoom(session.app.url, room, token);
const call = (member: Member, method: string, path: string, body?: unknown) =>
  callAs(session.app.url, member, method, path, body);

/** The codings of the transcript's shared codings as stored, read through the stock client. */
async function sharedCodings() {
  const { team } = session;
  const text = await join(`transcript.${team.projectId}.${team.transcriptId}`, team.token);
  const found: { id: string; codeId: string; decisionId?: string; quote: string }[] = [];
  forEachCoding(text.doc, (coding, id) =>
    found.push({
      id,
      codeId: coding.codeId,
      decisionId: coding.decisionId,
      quote: coding.anchor.quote.exact,
    }),
  );
  text.leave();
  return found;
}

let voice = "";

beforeAll(async () => {
  session = await startTeamSession(2, interview);
  const { team } = session;
  const [lead, ann, bob] = team.members as [Member, Member, Member];
  const project = await join(`project.${team.projectId}`, team.token);
  const trust = createCode(
    project.doc,
    { name: "Trust", description: "Confidence that others will act well." },
    team.leadId,
  );
  voice = createCode(project.doc, { name: "Voice", description: "Who speaks for whom." }, team.leadId);
  await new Promise((resolve) => setTimeout(resolve, 300));
  project.leave();
  const { round } = await call(lead, "POST", `/projects/${team.projectId}/rounds`, {
    name: "Pilot",
    transcriptIds: [team.transcriptId],
    coderIds: [ann.id, bob.id],
  });
  const roundId = (round as { id: string }).id;
  const text = await join(`transcript.${team.projectId}.${team.transcriptId}`, team.token);
  for (const [n, member] of [ann, bob].entries()) {
    const layer = await join(
      `layer.${team.projectId}.${team.transcriptId}.${roundId}.${member.id}`,
      await tokenFor(session.app.url, member),
    );
    PASSAGES.forEach((passage, i) => {
      if (i % 2 === n) applyCode(layer.doc, text.doc, passage, trust, member.id);
    });
    applyCode(layer.doc, text.doc, AGREED, voice, member.id);
    await new Promise((resolve) => setTimeout(resolve, 300));
    layer.leave();
  }
  // Two threads marked for the meeting, on passages of their own.
  const index = indexTranscript(transcriptContent(text.doc));
  for (const thread of THREADS) {
    const made = await call(
      lead,
      "POST",
      `/projects/${team.projectId}/discussions/${team.transcriptId}/threads`,
      {
        target: { kind: "passage", anchor: createAnchor(index, thread.at, thread.at + 30) },
        body: thread.body,
      },
    );
    const threadId = (made.thread as { id: string }).id;
    await call(
      lead,
      "PUT",
      `/projects/${team.projectId}/discussions/${team.transcriptId}/threads/${threadId}/meeting`,
      {
        forMeeting: true,
      },
    );
  }
  text.leave();
  pages.push(...(await revealAndOpenPages(session, lead, roundId, [lead, ann, bob])));
}, 120_000);

afterAll(async () => {
  await session?.stop();
});

/** Waits until every page is on the item the facilitator's page is on. */
async function followed(lead: Page, others: readonly Page[]) {
  const item = await lead.locator(".agenda li.current").getAttribute("data-item");
  for (const page of others) {
    await expect.poll(() => page.locator(".agenda li.current").getAttribute("data-item")).toBe(item);
  }
}

describe("a consensus meeting of ten items, three people in three browsers", () => {
  it("is prepared by the lead and joined by the two coders", async () => {
    const [lead, ann, bob] = pages as [Page, Page, Page];
    await lead.goto(`${session.app.url}/projects/${session.team.projectId}`);
    await lead.getByRole("button", { name: "Prepare a meeting" }).click();
    // The facilitator sets the tolerance and puts the items that move agreement most first.
    await lead.getByLabel("Characters", { exact: true }).fill("5");
    await lead.getByLabel("Order").selectOption("impact");
    // The dialog says what the meeting would be on, as the server works it out for these settings.
    const preview = lead.locator(".agenda-preview:not([aria-busy='true'])");
    await expect
      .poll(() => preview.textContent())
      .toBe(
        "The agenda would have 10 items: 8 disagreements and 2 threads in 1 transcript. 1 passage coded alike by every coder would go straight into the shared codings.",
      );
    expect(await accessibilityProblems(lead)).toEqual([]);
    await lead.screenshot({ path: "/tmp/concord-prepare-meeting.png" });
    await lead.getByRole("button", { name: "Start the meeting" }).click();
    await lead.getByRole("navigation", { name: "Agenda" }).waitFor();
    meetingUrl = lead.url();
    for (const page of [ann, bob]) {
      await page.goto(meetingUrl);
      await page.getByRole("navigation", { name: "Agenda" }).waitFor();
    }
    expect(await lead.locator(".agenda li").count()).toBe(10);
    // Each entry reads as the words it is about: a coder's quote, or the thread's first comment.
    expect(await lead.locator(".agenda .agenda-quote").count()).toBe(10);
    expect(await lead.locator(".agenda .agenda-quote").allTextContents()).toContain(`“${THREADS[0]?.body}”`);
    // The passage is read in its context, each turn under its speaker.
    const speaker = lead.locator(".meeting-item > .passage-text .turn-speaker").first();
    expect(await speaker.getAttribute("data-speaker")).toMatch(/\S/);
    expect(await lead.locator(".version .coverage-bar").count()).toBe(2);
    // The item says where it is as a reader finds it: the turn and its speaker.
    await expect.poll(() => lead.locator("#item-heading").textContent()).toMatch(/, turn \d+ \(\S.*\)$/);
  });

  it("walks through every item: the others follow, type the rationale, and see each decision land", async () => {
    const [lead, ann, bob] = pages as [Page, Page, Page];
    // What the facilitator decides on the disagreements, in agenda order (each is one coder's passage,
    // so the union is that coder's version and the intersection nothing: neither is offered).
    const outcomes = ["keep", "ranges", "none", "code", "ranges", "keep", "code", "none"] as const;
    let disagreement = 0;
    for (let i = 0; i < 10; i++) {
      // The meeting opens on its first item; the facilitator steps on with "Next", by keyboard, or
      // (every third item) with "Next item" beside the decision just made.
      if (i > 0) {
        const next = i % 3 === 0 ? "Next item →" : "Next →";
        await lead.getByRole("button", { name: next, exact: true }).focus();
        await lead.keyboard.press("Enter");
      }
      await expect
        .poll(() => lead.locator(".agenda li.current").getAttribute("data-item"))
        .toBe(await lead.locator(".agenda li").nth(i).getAttribute("data-item"));
      await followed(lead, [ann, bob]);
      const typist = i % 2 === 0 ? ann : bob;
      const isThread = (await lead.locator("#item-heading").textContent())?.includes("thread") ?? false;
      const label = isThread ? "Rationale for this thread" : "Rationale for “Trust” here";
      const field = typist.getByLabel(label);
      await expect.poll(() => field.isEditable()).toBe(true);
      await field.click();
      await typist.keyboard.type(`Reason ${i + 1}: agreed after discussion.`);
      await expect
        .poll(() => lead.getByLabel(label).inputValue())
        .toBe(`Reason ${i + 1}: agreed after discussion.`);
      if (isThread) {
        await lead.getByRole("button", { name: "Decide: resolve the thread" }).click();
      } else {
        const outcome = outcomes[disagreement++];
        if (disagreement === 1) {
          // The meeting sharpens the code's definition on its first item.
          await lead.getByText("Change the codebook: “Trust”").click();
          await lead
            .getByLabel("Definition", { exact: true })
            .fill("Confidence that partners will act well.");
          await lead.getByRole("button", { name: "Save the definition" }).click();
          await expect
            .poll(() => ann.locator(".definition").textContent())
            .toContain("Confidence that partners will act well.");
        }
        if (outcome === "keep") await lead.getByRole("button", { name: /^Keep .*'s version$/ }).click();
        if (outcome === "none") await lead.getByRole("button", { name: "No code" }).click();
        if (outcome === "code") {
          await lead.getByLabel("Another code").selectOption({ label: "Voice" });
          await lead.getByRole("button", { name: "Code it so" }).click();
        }
        if (outcome === "ranges") {
          await lead.getByRole("button", { name: "Boundaries by hand…" }).click();
          // Select twenty characters of the passage inside the text shown, as a person would.
          await lead
            .locator(".boundary-picker .passage-text mark")
            .first()
            .evaluate((mark) => {
              const node = mark.firstChild as Text;
              const range = document.createRange();
              range.setStart(node, 5);
              range.setEnd(node, 25);
              const selection = window.getSelection() as Selection;
              selection.removeAllRanges();
              selection.addRange(range);
            });
          await lead.getByRole("button", { name: "Use the selection" }).click();
          const where = (await lead.locator("[data-item-where]").textContent()) ?? "";
          const start = Number(/characters (\d+)–/.exec(where)?.[1]);
          expect(await lead.getByLabel("From character").inputValue()).toBe(String(start + 5));
          expect(await lead.getByLabel("to", { exact: true }).inputValue()).toBe(String(start + 25));
          expect(await accessibilityProblems(lead)).toEqual([]);
          await lead.screenshot({ path: "/tmp/concord-meeting-boundaries.png", fullPage: true });
          await lead.getByRole("button", { name: "Decide these boundaries" }).click();
        }
      }
      for (const page of [lead, ann, bob]) {
        await expect
          .poll(() => page.locator("[data-decision]").textContent(), { timeout: 10_000 })
          .toContain("Decided (version 1)");
      }
    }
    for (const page of [lead, ann, bob]) {
      await expect.poll(() => page.getByText("10 of 10 items decided").count()).toBe(1);
    }
    // At the agenda's end "Next" does nothing, and keeps the keyboard's focus.
    const next = lead.getByRole("button", { name: "Next →" });
    expect(await next.getAttribute("aria-disabled")).toBe("true");
    await next.focus();
    await lead.keyboard.press("Enter");
    expect(await lead.evaluate(() => document.activeElement?.textContent)).toBe("Next →");
    await expect
      .poll(() => lead.locator("[data-agreement]").textContent())
      .toMatch(
        /each coder with the shared codings agreed and decided so far: Coder 1 -?\d\.\d{3}, Coder 2 -?\d\.\d{3}\./,
      );
    expect(await lead.locator("[data-agreed]").textContent()).toContain(
      "1 passage every coder coded alike is in the shared codings already",
    );
    expect(await accessibilityProblems(ann)).toEqual([]);
    await lead.screenshot({ path: "/tmp/concord-meeting-done.png", fullPage: true });
    await lead.setViewportSize({ width: 1920, height: 1080 });
    await lead.screenshot({ path: "/tmp/concord-meeting-wide.png", fullPage: true });
  });

  it("leaves the agreed codings in the stored shared codings and on every page", async () => {
    const stored = await sharedCodings();
    // keep, by hand, another code, by hand, keep, another code: six codings; "no code" twice leaves
    // none. And the passage both coded alike, taken in when the meeting was made.
    expect(stored).toHaveLength(7);
    expect(stored.every((c) => c.decisionId)).toBe(true);
    expect(stored.filter((c) => c.codeId === voice)).toHaveLength(3);
    expect(stored.filter((c) => c.decisionId?.startsWith("agreed:"))).toEqual([
      expect.objectContaining({ codeId: voice, quote: expect.stringMatching(/^.{60}$/su) }),
    ]);
    expect(stored.map((c) => c.quote.length).sort((a, b) => a - b)[0]).toBe(20);
    for (const page of pages) {
      await page.goto(
        `${session.app.url}/projects/${session.team.projectId}/transcripts/${session.team.transcriptId}`,
      );
      await page.locator(".transcript .speaker").first().waitFor();
      await expect
        .poll(async () => Object.keys(await renderedCodings(page)).sort(), { timeout: 15_000 })
        .toEqual(stored.map((c) => c.id).sort());
    }
    // A decided coding says so where it is read, and offers no removal (only reopening changes it).
    const lead = pages[0] as Page;
    // Its highlight is underlined apart from live codings.
    for (const { id } of stored) {
      expect(
        await lead.locator(`.transcript .coding.decided[data-codings~="${id}"]`).count(),
      ).toBeGreaterThan(0);
    }
    await lead.locator(".transcript [data-codings]").first().click();
    const here = lead.locator("[data-decided]").first();
    await here.waitFor();
    expect(await here.textContent()).toContain("decided in a meeting by you");
    expect(await here.getByRole("button", { name: "Remove" }).count()).toBe(0);
    // The passage both coders coded alike says so too.
    const agreed = stored.find((c) => c.decisionId?.startsWith("agreed:"));
    await lead.locator(`.transcript .coding[data-codings~="${agreed?.id}"]`).first().click();
    await expect
      .poll(() => lead.locator("[data-decided]").allTextContents())
      .toContainEqual(expect.stringContaining("coded alike by every coder of a round, taken in by you"));
    await lead.screenshot({ path: "/tmp/concord-decided-codings.png" });
  });

  it("writes minutes with all ten items, their rationales, the codebook change and the attendance", async () => {
    const lead = pages[0] as Page;
    const minutes = await lead.evaluate(async (url) => {
      const path = new URL(url).pathname;
      return (await fetch(`/api${path}/minutes?format=md`)).text();
    }, meetingUrl);
    expect(minutes).toContain("10 of 10 items decided.");
    for (let i = 1; i <= 10; i++) expect(minutes).toContain(`> Reason ${i}: agreed after discussion.`);
    expect(minutes.match(/^### \d+\. /gm)).toHaveLength(10);
    for (const name of ["Lead Researcher", "Coder 1", "Coder 2"])
      expect(minutes.split("## Attendance")[1]?.split("## Decisions")[0]).toContain(`- ${name}`);
    expect(minutes).toContain(
      "Codebook: “Trust” refined (definition: “Confidence that others will act well.” → “Confidence that partners will act well.”)",
    );
    expect(minutes).toContain("## Open items\n\nNone.");
    expect(minutes).toContain(
      "1 passage every coder coded alike went into the shared codings when the meeting was made.\n- “Voice”: 1 passage in 1 transcript",
    );
  });

  it("lists the meeting's change in the code's history, for every member", async () => {
    const bob = pages[2] as Page;
    await bob.goto(`${session.app.url}/projects/${session.team.projectId}`);
    await bob.locator('.code-row[data-code-name="Trust"] .code-name').click();
    await bob.getByText("History", { exact: true }).click();
    const history = bob.locator(".code-history");
    await history
      .getByText(/Changed by Lead Researcher, .* in a meeting \(with the item's decision\)/)
      .waitFor();
    expect(await history.locator("dd").first().textContent()).toBe(
      "Confidence that others will act well. → Confidence that partners will act well.",
    );
    expect(await accessibilityProblems(bob)).toEqual([]);
    await bob.screenshot({ path: "/tmp/concord-code-history.png", fullPage: true });
  });
});
