import { connectRoom, type RoomConnection } from "./room-connection";

/** Rooms opened before any page asked for them, by name, with the timer that closes them if unused. */
const early = new Map<string, { connection: RoomConnection; unused: ReturnType<typeof setTimeout> }>();

/** An early room nobody took in this long (a redirect to sign in, a broken address) is closed. */
const UNUSED_FOR_MS = 15_000;

/** The rooms a page at `path` will open, named by the address alone. */
export function roomsForPath(path: string): string[] {
  const transcript = /^\/projects\/([^/]+)\/transcripts\/([^/]+)\/?$/.exec(path);
  if (transcript) {
    const [, projectId, transcriptId] = transcript;
    return [
      `transcript.${projectId}.${transcriptId}`,
      `project.${projectId}`,
      `discussion.${projectId}.${transcriptId}`,
    ];
  }
  return [];
}

/**
 * Opens rooms before the page that needs them has rendered: a coded transcript is megabytes, and
 * fetching it while the session and the page's details load saves the time those take.
 */
export function openEarly(rooms: readonly string[]): void {
  for (const name of rooms) {
    if (early.has(name)) continue;
    const connection = connectRoom(name);
    const unused = setTimeout(() => {
      early.delete(name);
      connection.destroy();
    }, UNUSED_FOR_MS);
    early.set(name, { connection, unused });
  }
}

/** The room opened early under this name, now the caller's to destroy; null if there is none. */
export function takeEarly(name: string): RoomConnection | null {
  const entry = early.get(name);
  if (!entry) return null;
  early.delete(name);
  clearTimeout(entry.unused);
  return entry.connection;
}
