import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Member } from "../support/team";
import { startTeamSession, type TeamSession } from "../support/team-session";

const interview = fileURLToPath(
  new URL("../../../shared/fixtures/transcripts/pdpilot/P1.txt", import.meta.url),
);

let session: TeamSession;

beforeAll(async () => {
  session = await startTeamSession(0, interview);
}, 120_000);

afterAll(async () => {
  await session?.stop();
});

describe("a page left while it connects", () => {
  it("logs no error: its socket still connecting is let go, not closed mid-connection", async () => {
    const { team, app } = session;
    const { page, context } = await session.open(team.members[0] as Member);
    const project = `${app.url}/projects/${team.projectId}`;
    await page.goto(project);
    await page.getByRole("heading", { name: "Transcripts" }).waitFor();
    // A slow network: a socket takes a while to connect, and the person moves on before it has.
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: 400,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    for (let i = 0; i < 3; i++) {
      await page.getByRole("link", { name: "Participant 1" }).click();
      await page.getByRole("link", { name: /^← / }).first().click({ timeout: 10_000 });
      await page.getByRole("heading", { name: "Transcripts" }).waitFor();
    }
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    expect(page.url()).toBe(project);
  });
});
