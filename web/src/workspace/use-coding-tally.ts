import { type CodeEntry, effectiveCodeId, forEachDistinctCoding, transcriptCodings } from "@concord/schema";
import { useMemo } from "react";
import type * as Y from "yjs";
import { useObservedWhenIdle } from "./use-observed";

const NO_TALLY = { byCode: new Map<string, number>(), coders: [] as string[] };

/**
 * The codings the text shows, counted once the browser has time (coding must not wait for the
 * counts): how many each code has, under the code a coding now belongs to (merged codes count their
 * codings), and who coded. The same coding twice (one coder, code and passage) counts once.
 */
export function useCodingTally(
  codingDocs: readonly Y.Doc[] | null,
  codeMap: ReadonlyMap<string, CodeEntry>,
): { coders: readonly string[]; counts: Map<string, { codings: number; transcripts: null }> } {
  const tally = useObservedWhenIdle(
    codingDocs?.[0] ? transcriptCodings(codingDocs[0]) : null,
    () => {
      const byCode = new Map<string, number>();
      const coderIds = new Set<string>();
      for (const doc of codingDocs ?? [])
        forEachDistinctCoding(doc, (coding) => {
          byCode.set(coding.codeId, (byCode.get(coding.codeId) ?? 0) + 1);
          coderIds.add(coding.coderId);
        });
      return { byCode, coders: [...coderIds] };
    },
    NO_TALLY,
  );
  const counts = useMemo(() => {
    const result = new Map<string, { codings: number; transcripts: null }>();
    for (const [codeId, n] of tally.byCode) {
      const id = effectiveCodeId(codeMap, codeId);
      result.set(id, { codings: (result.get(id)?.codings ?? 0) + n, transcripts: null });
    }
    return result;
  }, [tally, codeMap]);
  return { coders: tally.coders, counts };
}
