import {
  codingOf,
  type StoredAnchor,
  transcriptCodings,
  transcriptContent,
  writeCoding,
} from "@concord/schema";
import * as Y from "yjs";
import { createAnchor, resolveAnchor } from "./anchor";
import { indexTranscript } from "./transcript-index";

/** Whether a top-level block is a turn written before turns had paragraphs (its text directly inside). */
function isLegacyTurn(block: unknown): block is Y.XmlElement {
  return (
    block instanceof Y.XmlElement &&
    block.nodeName === "turn" &&
    block.toArray().some((child) => child instanceof Y.XmlText)
  );
}

/** Whether `doc`'s content still holds turns written before turns had paragraphs. */
export function hasLegacyTurns(doc: Y.Doc): boolean {
  return transcriptContent(doc).toArray().some(isLegacyTurn);
}

/** The same turn in today's shape: its attributes, and its text as one paragraph. */
function paragraphTurn(old: Y.XmlElement): Y.XmlElement {
  const turn = new Y.XmlElement("turn");
  for (const [key, value] of Object.entries(old.getAttributes())) turn.setAttribute(key, value as string);
  let text = "";
  for (const child of old.toArray()) {
    if (!(child instanceof Y.XmlText)) continue;
    for (const op of child.toDelta() as { insert?: unknown }[])
      if (typeof op.insert === "string") text += op.insert;
  }
  const paragraph = new Y.XmlElement("paragraph");
  if (text) paragraph.insert(0, [new Y.XmlText(text)]);
  turn.insert(0, [paragraph]);
  return turn;
}

/**
 * Rewrites, in `doc`, turns written before turns had paragraphs (turn > text) as turn > paragraph >
 * text, in one transaction, and points every coding that was placed at the same canonical offsets
 * again (they do not move: one paragraph per turn gives the same canonical text). `others` are
 * further anchors on this transcript (threads'): the result gives each one's new anchor, or null
 * where it could not be placed before either (it stays as it was). Does nothing, and returns null,
 * for a document without such turns.
 */
export function migrateLegacyTurns(
  doc: Y.Doc,
  others: readonly StoredAnchor[] = [],
): { readonly others: readonly (StoredAnchor | null)[] } | null {
  const content = transcriptContent(doc);
  if (!content.toArray().some(isLegacyTurn)) return null;
  const before = indexTranscript(content);
  const placed = new Map<string, { start: number; end: number }>();
  transcriptCodings(doc).forEach((_, id) => {
    const coding = codingOf(doc, id);
    const range = coding ? resolveAnchor(doc, before, coding.anchor) : null;
    if (range) placed.set(id, range);
  });
  const otherRanges = others.map((anchor) => resolveAnchor(doc, before, anchor));
  doc.transact(() => {
    const blocks = content.toArray();
    for (let i = blocks.length - 1; i >= 0; i--) {
      const block = blocks[i];
      if (!isLegacyTurn(block)) continue;
      // Read the old turn before deleting it: a deleted type's attributes and text read as nothing.
      const replacement = paragraphTurn(block);
      content.delete(i, 1);
      content.insert(i, [replacement]);
    }
  });
  const after = indexTranscript(content);
  const anchorAt = (range: { start: number; end: number }) =>
    range.start < range.end && range.end <= after.length ? createAnchor(after, range.start, range.end) : null;
  doc.transact(() => {
    for (const [id, range] of placed) {
      const coding = codingOf(doc, id);
      const anchor = anchorAt(range);
      if (coding && anchor) writeCoding(doc, id, { ...coding, anchor });
    }
  });
  return { others: otherRanges.map((range) => (range ? anchorAt(range) : null)) };
}
