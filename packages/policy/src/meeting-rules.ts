import type { PolicyVerdict, UpdateChanges } from "@concord/sync";
import type { Writer } from "./document-rules";
import { isRoot, rootName, singleValue } from "./places";

/** The longest rationale a meeting's shared text may hold for one item, in characters. */
export const MAX_RATIONALE_LENGTH = 20_000;

/** What the rules need to know of the meeting a room is for. */
export interface MeetingTarget {
  readonly facilitatorId: string | null;
}

const refuse = (reason: string): PolicyVerdict => ({ accepted: false, reason });
/** An agenda item's id as a key: printable, at most 300 characters. */
function isItemKey(key: string | null): key is string {
  return (
    key !== null && key.length > 0 && key.length <= 300 && [...key].every((c) => c.charCodeAt(0) >= 0x20)
  );
}

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
  let rationale = false;
  for (const insertion of changes.insertions) {
    const root = rootName(insertion.parent);
    if (root === "place") {
      if (writer.userId !== meeting.facilitatorId)
        return refuse("only the facilitator moves the meeting along");
      if (!isRoot(insertion.parent, "place")) return refuse("the meeting's place holds only values");
      const value = singleValue(insertion.content);
      if (
        insertion.key === "item"
          ? typeof value !== "string" || value.length > 300
          : insertion.key === "at"
            ? typeof value !== "number" || !Number.isFinite(value)
            : true
      )
        return refuse("the meeting's place is an item and a time");
    } else if (root === "rationale") {
      rationale = true;
      if (isRoot(insertion.parent, "rationale")) {
        if (!isItemKey(insertion.key)) return refuse("rationales are kept by item");
        if (insertion.replaces) return refuse("an item's rationale is written in, never replaced");
        if (insertion.content.kind !== "type" || insertion.content.type.kind !== "text")
          return refuse("an item's rationale is a text");
      } else if (
        insertion.content.kind !== "string" ||
        insertion.parent.parent === null ||
        !isRoot(insertion.parent.parent, "rationale")
      ) {
        return refuse("a rationale holds plain text");
      }
    } else return refuse(`a meeting has no "${root}"`);
  }
  for (const deletion of changes.deletions) {
    const root = rootName(deletion.parent);
    if (root === "place" && writer.userId === meeting.facilitatorId) continue;
    if (root === "rationale" && !isRoot(deletion.parent, "rationale")) {
      rationale = true;
      continue;
    }
    return refuse(
      root === "place"
        ? "only the facilitator moves the meeting along"
        : "a meeting's texts are never taken away",
    );
  }
  if (rationale) {
    const texts = changes.after().getMap("rationale");
    for (const text of texts.values()) {
      if (
        text &&
        typeof text === "object" &&
        "length" in text &&
        (text as { length: number }).length > MAX_RATIONALE_LENGTH
      )
        return refuse(`a rationale holds at most ${MAX_RATIONALE_LENGTH.toLocaleString("en")} characters`);
    }
  }
  return { accepted: true, effects: [] };
}
