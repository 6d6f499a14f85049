import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectConsoleError } from "../support/page-problems";
import type { Member } from "../support/team";
import { startTeamSession, type TeamSession } from "../support/team-session";
import { renderedCodings, selectInTurn, turnText } from "../support/transcript-page";

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
    await expect.poll(() => undo.textContent()).toBe("Undo coding “Strategic planning”");
    await undo.click();
    await expect.poll(async () => Object.keys(await renderedCodings(lead)).length).toBe(0);
    expect(await undo.isDisabled()).toBe(true);
    expect(await redo.textContent()).toBe("Redo coding “Strategic planning”");
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

describe("the code picker", () => {
  it("is a list the keyboard moves through: it narrows as one types, arrows choose, Enter applies the chosen", async () => {
    await selectInTurn(lead, 3, 0, 12);
    await lead.locator(".code-button[data-selection]").waitFor();
    await lead.keyboard.press("Control+k");
    const find = lead.getByLabel("Find or create a code");
    await expect
      .poll(() => lead.evaluate(() => document.activeElement?.getAttribute("aria-label")))
      .toBe("Find or create a code");
    // It leaves the passage readable and stays within the text's view.
    const place = await lead.evaluate(() => {
      const picker = document.querySelector(".code-picker")?.getBoundingClientRect();
      const range = window.getSelection()?.getRangeAt(0).getBoundingClientRect();
      const frame = document.querySelector(".editor-frame")?.getBoundingClientRect();
      return { picker, range, frame };
    });
    const { picker, range, frame } = place as Record<"picker" | "range" | "frame", DOMRect>;
    expect(picker.top >= range.bottom - 1 || picker.bottom <= range.top + 1).toBe(true);
    expect(picker.bottom).toBeLessThanOrEqual(frame.bottom + 1);
    await find.pressSequentially("r");
    const options = lead.getByRole("listbox", { name: "Codes" }).getByRole("option");
    // Every code with an r, then the offer to make one called "r".
    expect(await options.allTextContents()).toEqual(
      expect.arrayContaining(["Carers", "Respite", "Trust", "Create code “r”"]),
    );
    await find.pressSequentially("es");
    expect((await options.allTextContents()).map((t) => t.replace(/\d$/, ""))).toEqual([
      "Respite",
      "Create code “res”",
    ]);
    // Nothing is chosen until an arrow moves there; Down, Down reaches the offer, Up goes back (the
    // list says which option is chosen a moment after the key).
    const chosen = () => find.getAttribute("aria-activedescendant");
    expect(await chosen()).toBeNull();
    await lead.keyboard.press("ArrowDown");
    await expect.poll(chosen).toBe(await options.first().getAttribute("id"));
    await lead.keyboard.press("ArrowDown");
    await expect.poll(chosen).toBe(await options.last().getAttribute("id"));
    await lead.keyboard.press("ArrowUp");
    await expect.poll(chosen).toBe(await options.first().getAttribute("id"));
    const before = Object.keys(await renderedCodings(coder)).length;
    await lead.keyboard.press("Enter");
    await expect.poll(async () => Object.keys(await renderedCodings(coder)).length).toBe(before + 1);
    expect(await lead.getByRole("dialog", { name: "Apply a code" }).count()).toBe(0);
  });
});

describe("a code applied by key", () => {
  it("shows its highlight over the passage at once, then is written and drawn for good in its place", async () => {
    await selectInTurn(lead, 3, 14, 40);
    await expect
      .poll(() => lead.locator(".code-button").getAttribute("data-selection"))
      .toBe("Co-production takes longer");
    const selected = (await lead.locator(".code-button").getAttribute("data-selection")) as string;
    const before = Object.keys(await renderedCodings(lead)).length;
    // What the page holds at the moment the stand-in highlight is drawn.
    await lead.evaluate(() => {
      const editor = document.querySelector(".transcript") as HTMLElement;
      const w = window as unknown as { seen?: { text: string; codings: number } };
      new MutationObserver((_, observer) => {
        const ranges = [...CSS.highlights.values()].flatMap((h) => [...h]) as Range[];
        const ids = [...editor.querySelectorAll<HTMLElement>("[data-codings]")].flatMap((e) =>
          (e.dataset.codings ?? "").split(" ").filter(Boolean),
        );
        w.seen = { text: ranges.map((r) => r.toString()).join(""), codings: new Set(ids).size };
        observer.disconnect();
      }).observe(editor, { attributes: true, attributeFilter: ["data-pending"] });
    });
    await lead.keyboard.press("1");
    const seen = await lead.waitForFunction(() => (window as unknown as { seen?: unknown }).seen);
    const { text, codings } = (await seen.jsonValue()) as { text: string; codings: number };
    expect(text).toBe(selected);
    expect(codings).toBe(before);
    // Then the coding is written, its own highlight drawn and the stand-in gone.
    await expect.poll(async () => Object.keys(await renderedCodings(lead)).length).toBe(before + 1);
    await expect.poll(() => lead.evaluate(() => CSS.highlights.size)).toBe(0);
    await expect.poll(async () => Object.keys(await renderedCodings(coder)).length).toBe(before + 1);

    // The same again adds nothing, and its stand-in goes too.
    await lead.keyboard.press("1");
    await lead.getByText(/already: nothing was added/).waitFor();
    expect(await lead.evaluate(() => CSS.highlights.size)).toBe(0);
    expect(Object.keys(await renderedCodings(lead))).toHaveLength(before + 1);
  });
});

describe("the codebook's colours", () => {
  it("show in each code's swatch, which has room for its colour", async () => {
    await lead.locator('.code-row[data-code-name="Strategic planning"] .code-name').click();
    const swatch = lead.getByLabel("Colour of Strategic planning");
    const look = await swatch.evaluate((element) => {
      const style = getComputedStyle(element);
      return { padding: style.paddingLeft, width: element.getBoundingClientRect().width };
    });
    expect(look.padding).toBe("0px");
    expect(look.width).toBeGreaterThanOrEqual(14);
    expect(await swatch.inputValue()).toMatch(/^#[0-9a-f]{6}$/);
    // The tree's row shows the same colour.
    const dot = lead.locator('.code-row[data-code-name="Strategic planning"] .swatch-dot');
    const hex = await swatch.inputValue();
    const rgb = `rgb(${[1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)).join(", ")})`;
    expect(await dot.evaluate((element) => getComputedStyle(element).backgroundColor)).toBe(rgb);
    // With the details (and their memo's toolbar) open, the page is still one screen: only panels scroll.
    expect(
      await lead.evaluate(() => document.documentElement.scrollHeight - window.innerHeight),
    ).toBeLessThanOrEqual(0);
    await lead.mouse.move(400, 30);
    await lead.mouse.wheel(0, 600);
    await lead.waitForTimeout(200);
    expect(await lead.evaluate(() => window.scrollY)).toBe(0);
  });
});

describe("the side panels", () => {
  it("are resized from the keyboard and keep their width after a reload", async () => {
    const codebook = lead.getByRole("complementary", { name: "Codebook" });
    const before = (await codebook.boundingBox())?.width ?? 0;
    await lead.getByRole("separator", { name: "Width of the codebook" }).focus();
    for (let i = 0; i < 5; i++) await lead.keyboard.press("ArrowRight");
    await expect.poll(async () => (await codebook.boundingBox())?.width ?? 0).toBeGreaterThan(before + 30);
    const wider = (await codebook.boundingBox())?.width ?? 0;
    await lead.waitForTimeout(300);
    await lead.reload();
    await lead.locator(".transcript .speaker").first().waitFor();
    expect(Math.abs(((await codebook.boundingBox())?.width ?? 0) - wider)).toBeLessThan(3);
    await lead.screenshot({ path: "/tmp/concord-panels.png" });
  });

  it("leave the text a width one reads at, however wide the side panel is made", async () => {
    const text = lead.getByRole("region", { name: "Transcript text" });
    const splitter = lead.getByRole("separator", { name: "Width of the text, beside the side panel" });
    const layout = await lead.evaluate(() => JSON.stringify({ ...localStorage }));
    await splitter.focus();
    for (let i = 0; i < 3; i++) await lead.keyboard.press("ArrowRight");
    const before = Number(await splitter.getAttribute("aria-valuenow"));
    for (let i = 0; i < 30; i++) await lead.keyboard.press("ArrowLeft");
    // The splitter speaks of the text's width, which went down.
    await expect.poll(async () => Number(await splitter.getAttribute("aria-valuenow"))).toBeLessThan(before);
    const rem = await lead.evaluate(() =>
      Number.parseFloat(getComputedStyle(document.documentElement).fontSize),
    );
    expect((await text.boundingBox())?.width ?? 0).toBeGreaterThanOrEqual(34 * rem - 2);
    // The panels as they were, for what follows.
    await lead.evaluate((saved) => {
      for (const [key, value] of Object.entries(JSON.parse(saved) as Record<string, string>))
        localStorage.setItem(key, value);
    }, layout);
    await lead.reload();
    await lead.locator(".transcript .speaker").first().waitFor();
  });

  it("hold a long code's name within them: on two lines in the codebook, and in the comments' list", async () => {
    const name = "Co-production as a value shared across the partnership's members";
    const input = lead.getByPlaceholder("New code…");
    await input.fill(name);
    await input.press("Enter");
    const row = lead.locator(`.code-row[data-code-name="${name}"] .code-name`);
    await row.waitFor();
    expect(await row.getAttribute("title")).toBe(name);
    const lines = await row.evaluate(
      (e) => e.getBoundingClientRect().height / parseFloat(getComputedStyle(e).lineHeight),
    );
    expect(Math.round(lines)).toBe(2);
    // Nothing reaches past its panel's edge, nor past the window's.
    const overflowing = await lead.evaluate(() =>
      [...document.querySelectorAll(".workspace-panel")].flatMap((panel) => {
        const edge = panel.getBoundingClientRect().right;
        return [...panel.querySelectorAll("select, input, button")]
          .filter((e) => e.getBoundingClientRect().width > 0 && e.getBoundingClientRect().right > edge + 1)
          .map((e) => e.getAttribute("aria-label") ?? e.textContent);
      }),
    );
    expect(overflowing).toEqual([]);
    expect(
      await lead.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);
  });
});

describe("the skip link", () => {
  it("is the first thing Tab reaches, and takes the keyboard straight to the text", async () => {
    await coder.reload();
    await coder.locator(".transcript .speaker").first().waitFor();
    await coder.locator("body").focus();
    await coder.keyboard.press("Tab");
    expect(await coder.evaluate(() => document.activeElement?.textContent)).toBe("Skip to the main content");
    await coder.keyboard.press("Enter");
    expect(await coder.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe("Transcript");
  });
});

describe("the code picker's place", () => {
  it("covers none of the selection, going above all of it when there is no room below", async () => {
    const turns = await coder.locator(".transcript .turn-text").count();
    // The last turn but one: two paragraphs, several lines, near the end of the text.
    const text = await turnText(coder, turns - 2);
    await selectInTurn(coder, turns - 2, 0, text.length);
    const selected = await coder.evaluate(() => {
      const frame = document.querySelector(".editor-frame") as HTMLElement;
      frame.scrollTop = frame.scrollHeight;
      const rects = [...(window.getSelection()?.getRangeAt(0).getClientRects() ?? [])];
      return rects
        .filter((r) => r.width > 0)
        .map((r) => ({ top: r.top, bottom: r.bottom, left: r.left, right: r.right }));
    });
    expect(selected.length).toBeGreaterThan(1);
    await coder.keyboard.press("Control+k");
    const picker = coder.locator(".code-picker");
    await picker.waitFor();
    await coder.waitForTimeout(100);
    const box = (await picker.boundingBox()) as { x: number; y: number; width: number; height: number };
    const overlaps = selected.filter(
      (r) => r.left < box.x + box.width && r.right > box.x && r.top < box.y + box.height && r.bottom > box.y,
    );
    expect(overlaps).toEqual([]);
    await coder.keyboard.press("Escape");
  });
});

describe("coding by keyboard", () => {
  it("moves a caret through text one may not change, selects a sentence by key, codes it, and steps between highlights", async () => {
    // A person's keys come a moment apart; the browser tells the editor of a moved caret between them.
    const press = async (key: string) => {
      await coder.keyboard.press(key);
      await coder.waitForTimeout(40);
    };
    const before = await coder.locator(".transcript").textContent();
    await coder.locator(".transcript").focus();
    await press("Control+Home");
    // Typing changes nothing: the coder reads.
    await coder.keyboard.type("xyz");
    await press("Enter");
    await press("Backspace");
    expect(await coder.locator(".transcript").textContent()).toBe(before);
    expect(await coder.locator(".transcript").getAttribute("aria-readonly")).toBe("true");

    // Down to the Chief Officer's first paragraph, a few words in, then S for its sentence.
    await press("ArrowDown");
    await press("ArrowDown");
    for (let i = 0; i < 5; i++) await press("ArrowRight");
    await press("s");
    await expect
      .poll(() => coder.locator(".code-button").getAttribute("data-selection"))
      .toMatch(/^[A-Z][^.!?]*[.!?]$/);
    const sentence = (await coder.locator(".code-button").getAttribute("data-selection")) as string;
    await press("Control+k");
    await coder.keyboard.type("By keyboard");
    await press("Enter");
    await expect.poll(async () => Object.values(await renderedCodings(coder))).toContain(sentence);

    // Coding gives the text its focus back, where the keys go on.
    expect(await coder.evaluate(() => document.activeElement?.className)).toContain("transcript");
    // Shift+arrows select too.
    await press("ArrowDown");
    await press("Home");
    await press("Shift+ArrowRight");
    await press("Shift+ArrowRight");
    await expect.poll(() => coder.locator(".code-button").getAttribute("data-selection")).toHaveLength(2);

    // ] steps from highlight to highlight, and what is coded there shows under Here.
    await press("Control+Home");
    const seen = new Set<string>();
    for (let i = 0; i < 4; i++) {
      await press("]");
      const here = await coder
        .locator("[data-coding-info]")
        .evaluateAll((items) => items.map((item) => item.getAttribute("data-coding-info") ?? ""));
      for (const name of here) seen.add(name);
    }
    expect(seen).toContain("By keyboard");
    // And [ steps back.
    await press("[");
    expect(await coder.locator("[data-coding-info]").count()).toBeGreaterThan(0);
  });
});

describe("the codebook's names", () => {
  it("are one code each: adding a name there is already says so and adds nothing", async () => {
    const before = await lead.locator(".code-row").count();
    await lead.getByLabel("New code").fill("  power ");
    await lead.getByRole("button", { name: "Add", exact: true }).click();
    expect(await lead.getByRole("alert").textContent()).toBe("There is a code “Power” already.");
    expect(await lead.locator(".code-row").count()).toBe(before);
  });
});

describe("starting a comment", () => {
  it("puts the cursor in the new comment, ready to type", async () => {
    await selectInTurn(lead, 2, 0, 10);
    await lead.getByRole("button", { name: "Comment…" }).click();
    await expect
      .poll(() => lead.evaluate(() => document.activeElement?.getAttribute("aria-label")))
      .toBe("New comment");
    await lead.keyboard.press("Escape");
  });
});

describe("deleting a transcript", () => {
  it("asks an owner first, saying what goes with it, and takes it away for everyone", async () => {
    await lead.goto(`${session.app.url}/projects/${session.team.projectId}`);
    await lead.getByRole("button", { name: "Delete Participant 1" }).click();
    const dialog = lead.getByRole("alertdialog");
    // The lead's three codings and the coder's seven, each counted once.
    await dialog.getByText(/^10 codings, by everyone who coded it$/).waitFor();
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
