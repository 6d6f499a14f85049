import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppProcess, startApp } from "../support/app-process";
import { launchBrowser } from "../support/browser";
import { expectConsoleError } from "../support/page-problems";

let app: AppProcess;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe("the Concord page in Chromium", () => {
  it("loads, reports a healthy server, and sends a signed-out visitor to sign in", async () => {
    const page = await browser.newPage();
    await page.goto(app.url);
    await expect.poll(() => page.textContent("h1")).toBe("Concord");
    await page.waitForSelector('[data-status="ok"]');
    expect(await page.textContent('[data-status="ok"]')).toBe("Online");
    await page.waitForURL(/\/sign-in\?next=%2F$/);
  });

  it("sends a signed-out visitor of a transcript's address to sign in, with none of it fetched", async () => {
    // The page's early requests and rooms are refused, as the test checks.
    expectConsoleError(/status of 401/);
    expectConsoleError(/Permission denied to access/);
    const page = await browser.newPage();
    const answers: { url: string; status: number }[] = [];
    page.on("response", (response) => answers.push({ url: response.url(), status: response.status() }));
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(`${app.url}/projects/p1/transcripts/t1`);
    await page.waitForURL(/\/sign-in\?next=%2Fprojects%2Fp1%2Ftranscripts%2Ft1$/);
    // The page asked early for the transcript and its details; the server refused them all.
    const asked = () => answers.filter((a) => a.url.includes("/api/projects/p1"));
    await expect.poll(() => asked().length).toBe(4);
    const early = asked();
    expect(early.map((a) => new URL(a.url).pathname).sort()).toEqual([
      "/api/projects/p1",
      "/api/projects/p1/members",
      "/api/projects/p1/transcripts/t1",
      "/api/projects/p1/transcripts/t1/document",
    ]);
    expect(early.every((a) => a.status === 401)).toBe(true);
    expect(errors).toEqual([]);
    // Closed here, so that the refusals of its rooms, which come later, are this test's.
    await page.close();
  });

  it("serves the page for client-side routes too", async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${app.url}/projects/anything`);
    expect(response?.status()).toBe(200);
    await expect.poll(() => page.textContent("h1")).toBe("Concord");
  });

  it("tells the reader when the server has gone away", async () => {
    const page = await browser.newPage();
    await page.goto(app.url);
    await page.waitForSelector('[data-status="ok"]');
    await page.route("**/healthz", (route) => route.abort());
    expectConsoleError(/net::ERR_FAILED/);
    await page.reload();
    await page.waitForSelector('[data-status="unreachable"]');
  });
});
