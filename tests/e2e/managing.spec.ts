import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectConsoleError } from "../support/page-problems";
import type { Member } from "../support/team";
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

describe("undo and redo", () => {
  it("say what they would undo and redo, and are off when there is nothing", async () => {
    const undo = lead.getByRole("button", { name: /^Undo/ });
    const redo = lead.getByRole("button", { name: /^Redo/ });
    expect(await undo.isDisabled()).toBe(true);
    expect(await redo.isDisabled()).toBe(true);
    await selectInTurn(lead, 1, 0, 20);
    await lead.getByRole("button", { name: "Code…" }).click();
    await lead.getByLabel("Find or create a code").fill("Strategic planning");
    await lead.keyboard.press("Enter");
    await expect.poll(() => undo.getAttribute("aria-label")).toBe("Undo coding “Strategic planning”");
    await undo.click();
    await expect.poll(async () => Object.keys(await renderedCodings(lead)).length).toBe(0);
    expect(await undo.isDisabled()).toBe(true);
    expect(await redo.getAttribute("aria-label")).toBe("Redo coding “Strategic planning”");
    await redo.click();
    await expect.poll(async () => Object.keys(await renderedCodings(coder)).length).toBe(1);
    expect(await redo.isDisabled()).toBe(true);
  });
});

describe("a paragraph with many codes", () => {
  it("keeps their margin stripes clear of its first letters", async () => {
    for (const name of ["Power", "Time", "Carers", "Respite", "Trust", "Budgets"]) {
      await selectInTurn(coder, 1, 0, 30);
      await coder.getByRole("button", { name: "Code…" }).click();
      await coder.getByLabel("Find or create a code").fill(name);
      await coder.keyboard.press("Enter");
    }
    const paragraph = lead.locator(".transcript .turn").nth(1).locator(".paragraph").first();
    await expect.poll(() => paragraph.locator(".coding-stripes i").count()).toBe(7);
    const stripes = await paragraph.locator(".coding-stripes").boundingBox();
    // The paragraph's box starts where its text does.
    const text = (await paragraph.boundingBox())?.x ?? 0;
    const label = await lead.locator(".transcript .turn").nth(1).locator(".speaker").boundingBox();
    expect((stripes?.x ?? 0) + (stripes?.width ?? 0)).toBeLessThanOrEqual(text);
    expect(stripes?.x ?? 0).toBeGreaterThanOrEqual((label?.x ?? 0) + (label?.width ?? 0));
    await lead.screenshot({ path: "/tmp/concord-stripes.png" });
  });
});

describe("the codebook's colours", () => {
  it("show in each code's swatch, which has room for its colour", async () => {
    const swatch = lead.getByLabel("Colour of Strategic planning");
    const look = await swatch.evaluate((element) => {
      const style = getComputedStyle(element);
      return { padding: style.paddingLeft, width: element.getBoundingClientRect().width };
    });
    expect(look.padding).toBe("0px");
    expect(look.width).toBeGreaterThanOrEqual(14);
    expect(await swatch.inputValue()).toMatch(/^#[0-9a-f]{6}$/);
  });
});

describe("deleting a transcript", () => {
  it("asks an owner first, saying what goes with it, and takes it away for everyone", async () => {
    await lead.goto(`${session.app.url}/projects/${session.team.projectId}`);
    await lead.getByRole("button", { name: "Delete Participant 1" }).click();
    const dialog = lead.getByRole("alertdialog");
    // The lead's coding and the coder's six, each counted once.
    await dialog.getByText("7 codings, by everyone who coded it").waitFor();
    expect(await dialog.getByRole("heading").textContent()).toBe("Delete “Participant 1”?");
    await lead.screenshot({ path: "/tmp/concord-delete-transcript.png" });
    // Keeping it changes nothing; Escape closes the question too.
    await dialog.getByRole("button", { name: "Keep it" }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    await lead.getByRole("button", { name: "Delete Participant 1" }).click();
    // The colleague's open page loses its rooms, which the stock client reports.
    expectConsoleError(/Permission denied to access|status of 404/);
    await lead.getByRole("alertdialog").getByRole("button", { name: "Delete transcript" }).click();
    await expect.poll(() => lead.getByRole("link", { name: "Participant 1" }).count()).toBe(0);
    await lead.getByText("No transcripts yet.").waitFor();
    await coder.getByText(/no longer open this transcript|no such transcript/i).waitFor();
  });
});
