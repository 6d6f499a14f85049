import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";
import { watchPages } from "./page-problems";

/** Where Debian's Chromium lives; CHROMIUM_PATH overrides it. */
export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!existsSync(path)) {
    throw new Error(
      `Chromium not found at ${path}. Install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH.`,
    );
  }
  return path;
}

/**
 * Launches headless Chromium with the flags this machine needs: no sandbox as root, and no
 * background networking, whose connections the closed network refuses. Playwright gives each
 * launch a fresh, empty profile of its own.
 */
export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return watchPages(browser);
}
