import { type AgreementUnit, roundAgreement } from "@concord/agreement";
import { effectiveCodeId, type Round } from "@concord/schema";
import type { RoundLayers } from "./round-layers";

/** The dashboard's figures for a round whose layers are placed: the codes compared are the round's, or every code applied. */
export function agreementOf(round: Round, placed: RoundLayers, unit: AgreementUnit) {
  const applied = new Set(placed.layers.flatMap((layer) => layer.codings.map((coding) => coding.codeId)));
  // Codes merged since the round began count as the code they were merged into, as their codings do.
  // A round about every code compares the codebook's codes someone applied: an id a layer holds
  // that the codebook never had (a script could write one) is no code, and counts for nothing.
  const codeIds = [
    ...new Set(
      (round.codeIds ?? [...applied].filter((id) => placed.codebook.has(id)).sort()).map((id) =>
        effectiveCodeId(placed.codebook, id),
      ),
    ),
  ];
  const codes = codeIds
    .map((id) => ({ id, name: placed.codebook.get(id)?.name ?? "(a deleted code)" }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  const figures = roundAgreement({ coders: round.coderIds, codes, transcripts: placed.transcripts, unit });
  return { roundId: round.id, status: round.status, ...figures };
}
