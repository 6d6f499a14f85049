import {
  type Coding,
  codingKey,
  createLocalId,
  forEachCoding,
  transcriptCodings,
  transcriptContent,
  writeCoding,
} from "@concord/schema";
import * as Y from "yjs";
import { createAnchor } from "./anchor";
import { indexTranscript, type TranscriptIndex } from "./transcript-index";

/** The transaction origin of a person's own coding actions, so an UndoManager undoes only theirs. */
export const OWN_CODING = Symbol("own coding");

/**
 * Codes the canonical range [start, end) with `codeId` for `coderId` in `doc` (a transcript or a
 * blind layer holding codings for `content`), unless that coder has coded that passage with that
 * code already: then nothing is written, and `added` is false. Returns the coding's id. Pass
 * `index` when coding many passages of unchanged content, to index it once.
 */
export function applyCodeOnce(
  doc: Y.Doc,
  content: Y.Doc,
  range: { start: number; end: number },
  codeId: string,
  coderId: string,
  index: TranscriptIndex = indexTranscript(transcriptContent(content)),
): { id: string; added: boolean } {
  const anchor = createAnchor(index, range.start, range.end);
  const coding: Coding = { codeId, coderId, anchor, createdAt: Date.now() };
  const key = codingKey(coding);
  let existing: string | null = null;
  forEachCoding(doc, (other, id) => {
    if (existing === null && other.coderId === coderId && codingKey(other) === key) existing = id;
  });
  if (existing !== null) return { id: existing, added: false };
  const id = createLocalId();
  doc.transact(() => writeCoding(doc, id, coding), OWN_CODING);
  return { id, added: true };
}

/** {@link applyCodeOnce}, for the coding's id alone. */
export function applyCode(
  doc: Y.Doc,
  content: Y.Doc,
  range: { start: number; end: number },
  codeId: string,
  coderId: string,
  index?: TranscriptIndex,
): string {
  return applyCodeOnce(doc, content, range, codeId, coderId, index).id;
}

/** Removes a coding. False if there was none with that id. */
export function removeCoding(doc: Y.Doc, id: string): boolean {
  const codings = transcriptCodings(doc);
  if (!codings.has(id)) return false;
  doc.transact(() => codings.delete(id), OWN_CODING);
  return true;
}

/** Undo and redo of one person's coding actions in `doc` (others' codings are never touched). */
export function createCodingHistory(doc: Y.Doc): Y.UndoManager {
  return new Y.UndoManager(transcriptCodings(doc), {
    trackedOrigins: new Set([OWN_CODING]),
    captureTimeout: 0,
  });
}
