import * as Y from "yjs";
import type { StoredDocument } from "./storage";

/**
 * The document a stored snapshot and log add up to. Parts are merged and applied at once; if they do
 * not merge, they are applied one by one and any that cannot be applied is skipped and reported
 * through `onSkip`, so one damaged row never makes a whole document unreadable.
 */
export function documentFromStorage(
  stored: Pick<StoredDocument, "snapshot" | "updates">,
  onSkip: (error: unknown, index: number | null) => void = () => {},
): Y.Doc {
  const doc = new Y.Doc();
  const parts = stored.snapshot ? [stored.snapshot, ...stored.updates] : [...stored.updates];
  try {
    if (parts.length > 0) Y.applyUpdate(doc, Y.mergeUpdates(parts));
  } catch (error) {
    onSkip(error, null);
    for (const [index, part] of parts.entries()) {
      try {
        Y.applyUpdate(doc, part);
      } catch (partError) {
        onSkip(partError, index);
      }
    }
  }
  return doc;
}
