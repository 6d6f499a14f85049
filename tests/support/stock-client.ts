import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import type { Team } from "./team";

/**
 * The stock y-websocket client on the team's transcript room, signed in with `token`, once it has
 * the server's copy. Destroy its provider when done.
 */
export async function connectToTranscript(
  appUrl: string,
  team: Team,
  token: string,
): Promise<{ doc: Y.Doc; provider: WebsocketProvider }> {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(
    `${appUrl.replace("http", "ws")}/sync`,
    `transcript.${team.projectId}.${team.transcriptId}`,
    doc,
    {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      params: { token },
    },
  );
  await new Promise<void>((resolve) => provider.once("sync", () => resolve()));
  return { doc, provider };
}
