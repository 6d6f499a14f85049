import type { Browser, BrowserContext, Page } from "playwright-core";
import { type AppProcess, startApp } from "./app-process";
import { launchBrowser } from "./browser";
import { createTeam, type Member, type Team } from "./team";
import { openTranscript } from "./transcript-page";

/** Concord running with a team set up, and a browser to open it in. */
export interface TeamSession {
  readonly app: AppProcess;
  readonly browser: Browser;
  readonly team: Team;
  /** Opens the team's transcript as `member` in a browser context of its own. */
  open(
    member: Member,
    viewport?: { width: number; height: number },
  ): Promise<{ context: BrowserContext; page: Page }>;
  stop(): Promise<void>;
}

/**
 * Starts Concord and a browser, signs up a lead and `coders` colleagues, and imports `transcriptPath`
 * (a file from the shared fixtures): what every multi-person browser test starts from.
 */
export async function startTeamSession(coders: number, transcriptPath: string): Promise<TeamSession> {
  const [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  const team = await createTeam(app.url, coders, transcriptPath);
  return {
    app,
    browser,
    team,
    async open(member, viewport = { width: 1300, height: 900 }) {
      const context = await browser.newContext({ viewport });
      return { context, page: await openTranscript(context, app.url, team, member) };
    },
    async stop() {
      await browser.close();
      await app.stop();
    },
  };
}
