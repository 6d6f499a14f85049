import type { PolicyVerdict, TypePlace, UpdateChanges } from "@concord/sync";
import type { Writer } from "./document-rules";
import { isRoot, rootName, singleValue } from "./places";

/** The longest rationale a meeting's shared text may hold for one item, in characters. */
export const MAX_RATIONALE_LENGTH = 20_000;

/** What the rules need to know of the meeting a room is for. */
export interface MeetingTarget {
  readonly facilitatorId: string | null;
  /** The agenda's items: a rationale is kept for one of them, and the meeting is on one of them. */
  readonly agenda: readonly { readonly id: string }[];
}

const refuse = (reason: string): PolicyVerdict => ({ accepted: false, reason });

/**
 * The rules of a meeting's room (`meeting.<p>.<m>`):
 * - `place`: where the meeting is, `item` (an agenda item's id) and `at` (a time); its facilitator
 *   alone moves it, so that everyone follows one place;
 * - `rationale`: for each item, a text that anyone attending writes (observers only read), at most
 *   {@link MAX_RATIONALE_LENGTH} characters; an item's text is never taken away;
 * - nothing else.
 */
export function reviewMeetingUpdate(
  changes: UpdateChanges,
  writer: Writer,
  meeting: MeetingTarget,
): PolicyVerdict {
  if (writer.role === "observer") return refuse("observers follow the meeting and read");
  let items: ReadonlySet<string> | null = null;
  const isItem = (key: unknown): boolean => {
    items ??= new Set(meeting.agenda.map((item) => item.id));
    return typeof key === "string" && items.has(key);
  };
  // How much each rationale text an update touches grows, by item (UTF-16 units, as Y.Text counts).
  const growth = new Map<string, { before: number; delta: number }>();
  const grow = (text: TypePlace, by: number) => {
    const key = text.key ?? "";
    const entry = growth.get(key) ?? {
      before: text.type ? (text.type as unknown as { length: number }).length : 0,
      delta: 0,
    };
    entry.delta += by;
    growth.set(key, entry);
  };
  for (const insertion of changes.insertions) {
    const root = rootName(insertion.parent);
    if (root === "place") {
      if (writer.userId !== meeting.facilitatorId)
        return refuse("only the facilitator moves the meeting along");
      if (!isRoot(insertion.parent, "place")) return refuse("the meeting's place holds only values");
      const value = singleValue(insertion.content);
      if (
        insertion.key === "item"
          ? !isItem(value)
          : insertion.key === "at"
            ? typeof value !== "number" || !Number.isFinite(value)
            : true
      )
        return refuse("the meeting's place is an item and a time");
    } else if (root === "rationale") {
      if (isRoot(insertion.parent, "rationale")) {
        if (!isItem(insertion.key)) return refuse("rationales are kept by agenda item");
        if (insertion.replaces) return refuse("an item's rationale is written in, never replaced");
        if (insertion.content.kind !== "type" || insertion.content.type.kind !== "text")
          return refuse("an item's rationale is a text");
      } else if (
        insertion.content.kind !== "string" ||
        insertion.parent.parent === null ||
        !isRoot(insertion.parent.parent, "rationale")
      ) {
        return refuse("a rationale holds plain text");
      } else grow(insertion.parent, insertion.content.text.length);
    } else return refuse(`a meeting has no "${root}"`);
  }
  for (const deletion of changes.deletions) {
    const root = rootName(deletion.parent);
    if (root === "place" && writer.userId === meeting.facilitatorId) continue;
    if (root === "rationale" && !isRoot(deletion.parent, "rationale")) {
      if (deletion.content.kind === "string") grow(deletion.parent, -deletion.content.text.length);
      continue;
    }
    return refuse(
      root === "place"
        ? "only the facilitator moves the meeting along"
        : "a meeting's texts are never taken away",
    );
  }
  // Read from the texts touched and what the update adds and takes, never from a copy of the room.
  for (const { before, delta } of growth.values()) {
    if (before + delta > MAX_RATIONALE_LENGTH)
      return refuse(`a rationale holds at most ${MAX_RATIONALE_LENGTH.toLocaleString("en")} characters`);
  }
  return { accepted: true, effects: [] };
}
