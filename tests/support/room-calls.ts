import type { Page } from "playwright-core";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import type { Member } from "./team";
import type { TeamSession } from "./team-session";

/** The stock client in `room` of the app at `appUrl` with `token`, synced: its document and a way to leave. */
export async function joinRoom(appUrl: string, room: string, token: string) {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${appUrl.replace("http", "ws")}/sync`, room, doc, {
    WebSocketPolyfill: WebSocket as never,
    disableBc: true,
    params: { token },
  });
  await new Promise<void>((resolve) => provider.on("sync", (synced: boolean) => synced && resolve()));
  return { doc, leave: () => provider.destroy() };
}

/** An API request as `member` (their browser session, from the app's own origin); the JSON answer. */
export async function callAs(appUrl: string, member: Member, method: string, path: string, body?: unknown) {
  const response = await fetch(`${appUrl}/api${path}`, {
    method,
    headers: {
      "content-type": "application/json",
      origin: appUrl,
      cookie: `concord_session=${member.cookie}`,
    },
    body: body === undefined ? null : JSON.stringify(body),
  });
  return (await response.json()) as Record<string, unknown>;
}

/**
 * Closes and reveals a round as `lead`, then opens a signed-in page (1280 × 720) for each of
 * `members`, in order: how a meeting's browser tests begin.
 */
export async function revealAndOpenPages(
  session: TeamSession,
  lead: Member,
  roundId: string,
  members: readonly Member[],
): Promise<Page[]> {
  const { app, browser, team } = session;
  await callAs(app.url, lead, "POST", `/projects/${team.projectId}/rounds/${roundId}/close`);
  await callAs(app.url, lead, "POST", `/projects/${team.projectId}/rounds/${roundId}/reveal`);
  const pages: Page[] = [];
  for (const member of members) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    await context.addCookies([{ name: "concord_session", value: member.cookie, url: app.url }]);
    pages.push(await context.newPage());
  }
  return pages;
}
