/**
 * Room names say what a document is and which project it belongs to, so the server can authorize a
 * connection from the name alone. They are dot-separated ids, safe in a URL path unencoded (the
 * stock client does not encode them).
 *
 * - `project.<projectId>`: the codebook, the transcript list, rounds, project memos
 * - `transcript.<projectId>.<transcriptId>`: a transcript's text, codings and comments
 * - `layer.<projectId>.<transcriptId>.<roundId>.<userId>`: one coder's blind codings in a round
 * - `discussion.<projectId>` and `discussion.<projectId>.<transcriptId>`: comment threads on codes, and
 *   on a transcript's passages and codings (written by the server only, read by every member)
 * - `inbox.<userId>`: a signal that someone's inbox changed (theirs alone to read)
 * - `meeting.<projectId>.<meetingId>`: a consensus meeting's live state (the facilitator's place in
 *   the agenda, the rationales typed while items are discussed)
 */
export type RoomName =
  | { readonly kind: "project"; readonly projectId: string }
  | { readonly kind: "transcript"; readonly projectId: string; readonly transcriptId: string }
  | {
      readonly kind: "layer";
      readonly projectId: string;
      readonly transcriptId: string;
      readonly roundId: string;
      readonly userId: string;
    }
  | { readonly kind: "discussion"; readonly projectId: string; readonly transcriptId: string | null }
  | { readonly kind: "inbox"; readonly userId: string }
  | { readonly kind: "meeting"; readonly projectId: string; readonly meetingId: string };

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Whether `value` is a well-formed id (URL-safe, 1–64 characters). */
export function isId(value: string): boolean {
  return ID.test(value);
}

/** Parses a room name, or returns null for anything that is not one. */
export function parseRoomName(name: string): RoomName | null {
  const [kind, ...ids] = name.split(".");
  if (!ids.every(isId)) return null;
  if (kind === "project" && ids.length === 1) return { kind, projectId: ids[0] as string };
  if (kind === "transcript" && ids.length === 2) {
    return { kind, projectId: ids[0] as string, transcriptId: ids[1] as string };
  }
  if (kind === "layer" && ids.length === 4) {
    const [projectId, transcriptId, roundId, userId] = ids as [string, string, string, string];
    return { kind, projectId, transcriptId, roundId, userId };
  }
  if (kind === "discussion" && (ids.length === 1 || ids.length === 2)) {
    return { kind, projectId: ids[0] as string, transcriptId: ids[1] ?? null };
  }
  if (kind === "inbox" && ids.length === 1) return { kind, userId: ids[0] as string };
  if (kind === "meeting" && ids.length === 2) {
    return { kind, projectId: ids[0] as string, meetingId: ids[1] as string };
  }
  return null;
}

/** The room name for a parsed room. */
export function formatRoomName(room: RoomName): string {
  switch (room.kind) {
    case "project":
      return `project.${room.projectId}`;
    case "transcript":
      return `transcript.${room.projectId}.${room.transcriptId}`;
    case "layer":
      return `layer.${room.projectId}.${room.transcriptId}.${room.roundId}.${room.userId}`;
    case "discussion":
      return room.transcriptId
        ? `discussion.${room.projectId}.${room.transcriptId}`
        : `discussion.${room.projectId}`;
    case "inbox":
      return `inbox.${room.userId}`;
    case "meeting":
      return `meeting.${room.projectId}.${room.meetingId}`;
  }
}
