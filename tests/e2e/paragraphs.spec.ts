import { fileURLToPath } from "node:url";
import { indexTranscript, resolveAnchor } from "@concord/anchoring";
import { codingOf, transcriptContent } from "@concord/schema";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type * as Y from "yjs";
import { connectToTranscript } from "../support/stock-client";
import { type Member, tokenFor } from "../support/team";
import { startTeamSession, type TeamSession } from "../support/team-session";
import { renderedCodings, selectInTurn } from "../support/transcript-page";

const interview = fileURLToPath(new URL("../fixtures/paragraphs.md", import.meta.url));

let session: TeamSession;
let lead: Page;
let coder: Page;

beforeAll(async () => {
  session = await startTeamSession(1, interview);
  const [leadMember, coderMember] = session.team.members as [Member, Member];
  lead = (await session.open(leadMember, { width: 1280, height: 720 })).page;
  coder = (await session.open(coderMember)).page;
}, 60_000);

afterAll(async () => {
  await session?.stop();
});

/** The server's copy of the transcript, read with the stock client. */
async function serverCopy(): Promise<Y.Doc> {
  const { doc, provider } = await connectToTranscript(session.app.url, session.team, session.team.token);
  provider.destroy();
  return doc;
}

describe("a turn of several paragraphs", () => {
  it("shows each paragraph as its own, beside one speaker label, under the interview's heading", async () => {
    expect(await lead.locator(".transcript h2.heading").textContent()).toBe("Interview 12: a Chief Officer");
    const paragraphs = (turn: number) =>
      lead.locator(".transcript .turn").nth(turn).locator(".paragraph").allTextContents();
    expect(await paragraphs(1)).toEqual([
      expect.stringMatching(/^For us it started with the strategic plan\./),
      expect.stringMatching(/^That changed the plan/),
      expect.stringMatching(/^What we have not done yet/),
    ]);
    expect(await lead.locator(".transcript .turn").nth(1).locator(".speaker").allTextContents()).toEqual([
      "Chief Officer",
    ]);
    await lead.screenshot({ path: "/tmp/concord-paragraphs.png" });
  });

  it("is coded across two of its paragraphs as one passage, drawn in both, for a colleague too", async () => {
    // From "respite" in the second paragraph to "commissioning" in the third.
    const second =
      "That changed the plan more than we expected. The carers on the group pushed respite up the list, and it stayed there.";
    const first =
      "For us it started with the strategic plan. We asked people who use services to sit on the group that wrote it, not to comment on a draft afterwards.";
    const from = first.length + second.indexOf("respite");
    const to =
      first.length + second.length + "What we have not done yet is the same thing for commissioning".length;
    const selected = await selectInTurn(coder, 1, from, to);
    expect(selected).toMatch(/^respite up the list.*commissioning$/s);
    await coder.getByRole("button", { name: "Code…" }).click();
    await coder.getByLabel("Find or create a code").fill("Respite");
    await coder.keyboard.press("Enter");

    let id = "";
    await expect
      .poll(async () => {
        id = Object.keys(await renderedCodings(lead))[0] ?? "";
        return id;
      })
      .not.toBe("");
    // Drawn in both paragraphs it touches.
    const drawnIn = await lead.evaluate(
      (codingId) =>
        new Set(
          [...document.querySelectorAll<HTMLElement>(".transcript [data-codings]")]
            .filter((element) => element.dataset.codings?.split(" ").includes(codingId))
            .map((element) => element.closest(".paragraph")),
        ).size,
      id,
    );
    expect(drawnIn).toBe(2);
    // On the server, the passage runs over the paragraph break, which the canonical text counts as one newline.
    const doc = await serverCopy();
    const index = indexTranscript(transcriptContent(doc));
    const coding = codingOf(doc, id);
    const range = coding && resolveAnchor(doc, index, coding.anchor);
    expect(range && [...index.text].slice(range.start, range.end).join("")).toBe(
      "respite up the list, and it stayed there.\nWhat we have not done yet is the same thing for commissioning",
    );
    await lead.screenshot({ path: "/tmp/concord-paragraphs-coded.png" });
  });
});

describe("the same code on the same passage twice", () => {
  it("adds nothing the second time and says so; twins written before are drawn and counted once", async () => {
    // The coder's most recent code is "Respite" (the test above): key 1 applies it.
    const before = Object.keys(await renderedCodings(coder)).length;
    // The editor takes a selection made in the page at its next selectionchange: wait for it.
    const select = async () => {
      await selectInTurn(coder, 3, 0, 12);
      await coder.locator('.code-button[data-selection="Time, mostly"]').waitFor();
    };
    await select();
    await coder.keyboard.press("1");
    await expect.poll(async () => Object.keys(await renderedCodings(coder)).length).toBe(before + 1);
    await select();
    await coder.keyboard.press("1");
    await expect.poll(() => coder.getByRole("status").filter({ hasText: "already" }).count()).toBe(1);
    expect(Object.keys(await renderedCodings(coder))).toHaveLength(before + 1);

    // A twin written by another copy of the same coder (two tabs at once, or an earlier version).
    const coderMember = session.team.members[1] as Member;
    const token = await tokenFor(session.app.url, coderMember);
    const { doc, provider } = await connectToTranscript(session.app.url, session.team, token);
    const [id, value] = [...doc.getMap("codings").entries()].find(
      ([, v]) =>
        JSON.parse(v as string).coderId === coderMember.id &&
        JSON.parse(v as string).anchor.quote.exact === "Time, mostly",
    ) as [string, string];
    // An id after every other, so the original stands for it.
    doc.getMap("codings").set("zzzzzzzzzzzzzzzz", value);
    await expect.poll(() => lead.locator(`[data-codings~="${id}"]`).count()).toBeGreaterThan(0);
    await lead.waitForTimeout(300);
    expect(await lead.locator('[data-codings*="zzzzzzzzzzzzzzzz"]').count()).toBe(0);
    await expect
      .poll(() => lead.locator('.code-row[data-code-name="Respite"] .code-count').textContent())
      .toBe("2");
    provider.destroy();
  });
});
