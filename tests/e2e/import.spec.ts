import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppProcess, startApp } from "../support/app-process";
import { launchBrowser } from "../support/browser";

const fixture = (path: string) => fileURLToPath(new URL(`../../../shared/fixtures/${path}`, import.meta.url));

let app: AppProcess;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  page = await (await browser.newContext({ viewport: { width: 1300, height: 1000 } })).newPage();
  await page.goto(`${app.url}/sign-up`);
  await page.getByLabel("Your name").fill("Morag Lead");
  await page.getByLabel("Email").fill("morag@example.org");
  await page.getByLabel(/^Password/).fill("a long enough passphrase");
  await page.getByRole("button", { name: "Create account" }).click();
  await page.getByRole("heading", { name: "Your projects" }).waitFor();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe("a new account", () => {
  it("is offered a demo project with three interviews and a starter codebook", async () => {
    await page.getByRole("button", { name: "Try the demo project" }).click();
    const list = page.getByRole("list", { name: "Transcripts" });
    await list.getByRole("link", { name: "Chief Officer, Partnership A" }).waitFor();
    expect(await list.getByRole("link").count()).toBe(3);
    await page.locator('[data-code-name="Governance and reform"]').waitFor();
    await page.locator('[data-code-name="Lived experience"]').waitFor();
  });
});

describe("importing transcripts in the browser", () => {
  it("previews a batch, merges two labels of one person, refuses a bad file by name, and imports the rest", async () => {
    await page.getByRole("link", { name: "Concord" }).click();
    await page.getByLabel("New project").fill("Hearings");
    await page.getByRole("button", { name: "Create project" }).click();
    await page.getByRole("button", { name: "Import transcripts…" }).click();
    await page
      .getByLabel("Choose transcript files")
      .setInputFiles([
        fixture("transcripts/ukcovid-inquiry_M6_2025-07-02_adult-social-care_FULL-DAY.rst"),
        fixture("captions/vttjs_cycle-collector-talk.vtt"),
        fixture("docx/mammoth_empty.docx"),
      ]);
    const hearing = page.locator(
      '[data-file="ukcovid-inquiry_M6_2025-07-02_adult-social-care_FULL-DAY.rst"]',
    );
    await hearing.locator("[data-summary]").waitFor();
    expect(await hearing.locator("[data-summary]").textContent()).toBe(
      "17 speakers, 1,471 turns, 48,329 words",
    );
    await hearing.getByLabel("Name for Lead 6").fill("Ms Carey");
    await expect
      .poll(() => hearing.locator("[data-summary]").textContent())
      .toBe("16 speakers, 1,471 turns, 48,329 words");
    await hearing.getByLabel("Name", { exact: true }).fill("Module 6, 2 July 2025");
    const bad = page.locator('[data-file="mammoth_empty.docx"]');
    expect(await bad.getByRole("alert").textContent()).toBe(
      "mammoth_empty.docx: there is no text in it to code.",
    );

    await page.getByRole("button", { name: "Import 2 transcripts" }).click();
    await page.getByText("2 of 2 imported").waitFor();
    expect(await page.getByLabel("Import progress").getAttribute("value")).toBe("2");
    await page.getByRole("button", { name: "Close" }).click();
    const list = page.getByRole("list", { name: "Transcripts" });
    await list.getByRole("link", { name: "Module 6, 2 July 2025" }).waitFor();
    await list.getByRole("link", { name: "vttjs_cycle-collector-talk" }).waitFor();

    // The merged speaker reached the stored transcript: its gutter shows one name for both labels.
    await list.getByRole("link", { name: "Module 6, 2 July 2025" }).click();
    await page.locator(".transcript .speaker").first().waitFor();
    const speakers = await page.locator(".transcript .speaker").allTextContents();
    expect(speakers).toContain("Ms Carey");
    expect(speakers).not.toContain("Lead 6");
  });
});

describe("a transcript's details", () => {
  it("are renamed and given attributes for comparing groups, and keep them after a reload", async () => {
    await page.getByRole("link", { name: "Concord" }).click();
    await page.getByRole("link", { name: "Hearings" }).click();
    await page.getByRole("button", { name: "Edit details of vttjs_cycle-collector-talk" }).click();
    const form = page.getByRole("form", { name: "Details of vttjs_cycle-collector-talk" });
    await form.getByLabel("Name", { exact: true }).fill("Cycle collector talk");
    await form.getByLabel("Attribute 1 name").fill("Role");
    await form.getByLabel("Attribute 1 value").fill("National agency lead");
    await form.getByLabel("Attribute 2 name").fill("Role");
    await form.getByLabel("Attribute 2 value").fill("Chief Officer");
    await form.getByRole("button", { name: "Save" }).click();
    expect(await form.getByRole("alert").textContent()).toBe('"Role" is there twice: keep one.');
    await form.getByLabel("Attribute 2 name").fill("Partnership");
    await form.getByLabel("Attribute 2 value").fill("Fife");
    await form.getByRole("button", { name: "Save" }).click();
    await form.waitFor({ state: "detached" });

    await page.reload();
    const attributes = page.getByRole("list", { name: "Attributes of Cycle collector talk" });
    await attributes.waitFor();
    expect(await attributes.getByRole("listitem").allTextContents()).toEqual([
      "Role: National agency lead",
      "Partnership: Fife",
    ]);
  });
});
