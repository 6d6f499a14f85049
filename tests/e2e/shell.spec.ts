import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppProcess, startApp } from "../support/app-process";
import { launchBrowser } from "../support/browser";

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
    await page.reload();
    await page.waitForSelector('[data-status="unreachable"]');
  });
});
