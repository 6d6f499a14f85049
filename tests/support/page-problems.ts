import type { Browser, BrowserContext, Page } from "playwright-core";

/** An error a page threw, or an error or warning it logged to its console, during a test. */
export interface PageProblem {
  readonly url: string;
  readonly kind: "pageerror" | "console";
  readonly text: string;
}

const problems: PageProblem[] = [];
const expected: RegExp[] = [];

function watch(page: Page): void {
  page.on("pageerror", (error) => problems.push({ url: page.url(), kind: "pageerror", text: error.message }));
  page.on("console", (message) => {
    if (message.type() !== "error" && message.type() !== "warning") return;
    // A failed request's message names only its status; its location says which request it was.
    const where = message.location().url;
    const text = where && where !== page.url() ? `${message.text()} (${where})` : message.text();
    problems.push({ url: page.url(), kind: "console", text });
  });
}

function watchContext(context: BrowserContext): BrowserContext {
  for (const page of context.pages()) watch(page);
  context.on("page", watch);
  return context;
}

/**
 * Watches every page of `browser` (and of the contexts it makes) for thrown errors and console
 * errors, so that a test fails on any (see `e2e/setup.ts`).
 */
export function watchPages(browser: Browser): Browser {
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (...args) => watchContext(await newContext(...args));
  const newPage = browser.newPage.bind(browser);
  browser.newPage = async (...args) => {
    const page = await newPage(...args);
    watch(page);
    return page;
  };
  return browser;
}

/**
 * Lets the current test's pages log a console error it provokes on purpose (a refused request it
 * checks the page explains, say); matched against the message.
 */
export function expectConsoleError(pattern: RegExp): void {
  expected.push(pattern);
}

/** The problems since the last call, leaving out those expected; forgets them all. */
export function takePageProblems(): PageProblem[] {
  const found = problems
    .splice(0)
    .filter(
      (problem) => problem.kind === "pageerror" || !expected.some((pattern) => pattern.test(problem.text)),
    );
  expected.length = 0;
  return found;
}
