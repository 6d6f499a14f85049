import {
  type Coding,
  createLocalId,
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
 * blind layer holding codings for `content`). Returns the new coding's id. Pass `index` when coding
 * many passages of unchanged content, to index it once.
 */
export function applyCode(
  doc: Y.Doc,
  content: Y.Doc,
  range: { start: number; end: number },
  codeId: string,
  coderId: string,
  index: TranscriptIndex = indexTranscript(transcriptContent(content)),
): string {
  const anchor = createAnchor(index, range.start, range.end);
  const id = createLocalId();
  const coding: Coding = { codeId, coderId, anchor, createdAt: Date.now() };
  doc.transact(() => writeCoding(doc, id, coding), OWN_CODING);
  return id;
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
