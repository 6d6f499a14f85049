import { TakenOnce } from "../components/taken-once";
import { connectRoom, type EarlyDocument, type RoomConnection } from "./room-connection";

declare global {
  interface Window {
    /** The transcript document `early-document.js` started fetching from the page's `<head>`. */
    concordEarlyDocument?: { readonly room: string; readonly bytes: Promise<EarlyDocument> };
  }
}

/**
 * Rooms opened before any page asked for them, by name. One nobody takes within 15 s (a redirect to
 * sign in, a broken address) is closed.
 */
const early = new TakenOnce<RoomConnection>(15_000, (connection) => connection.destroy());

/** What a page at `path` loads first, known from the address alone: its rooms and GET requests. */
export function firstLoadsFor(path: string): { rooms: string[]; requests: string[] } {
  const transcript = /^\/projects\/([^/]+)\/transcripts\/([^/]+)\/?$/.exec(path);
  if (transcript) {
    const [, projectId, transcriptId] = transcript;
    return {
      rooms: [
        `transcript.${projectId}.${transcriptId}`,
        `project.${projectId}`,
        `discussion.${projectId}.${transcriptId}`,
      ],
      requests: [
        `/projects/${projectId}`,
        `/projects/${projectId}/transcripts/${transcriptId}`,
        `/projects/${projectId}/members`,
      ],
    };
  }
  return { rooms: [], requests: [] };
}

/**
 * Opens rooms before the page that needs them has rendered: a coded transcript is megabytes, and
 * fetching it while the session and the page's details load saves the time those take.
 */
export function openEarly(rooms: readonly string[]): void {
  const earlyDocument = window.concordEarlyDocument;
  // Taken once: the page keeps no second reference to megabytes it has applied.
  window.concordEarlyDocument = undefined;
  for (const name of rooms) {
    if (early.has(name)) continue;
    const document = earlyDocument?.room === name ? earlyDocument.bytes : undefined;
    early.put(name, connectRoom(name, document));
  }
}

/** The room opened early under this name, now the caller's to destroy; null if there is none. */
export function takeEarly(name: string): RoomConnection | null {
  return early.take(name) ?? null;
}
