import type { AgreementFigure, AgreementUnit } from "@concord/agreement";
import { resolveAnchor } from "@concord/anchoring";
import { agreedMark, effectiveCodeId, forEachCoding, type Round } from "@concord/schema";
import type { RoomDocuments } from "../sync/room-documents";
import type { MeetingStore } from "./meeting-store";
import { agreementOf } from "./round-figures";
import { readRoundLayers } from "./round-layers";
import type { TranscriptStore } from "./transcript-store";

/** The decided codings, compared as if they were one more coder's layer. */
const DECIDED = "decided";

/**
 * Agreement before and after a meeting: among the round's coders (before), and between each coder's
 * layer and the codings the meeting's current decisions wrote (after), at `unit`, over the codes
 * the round compares.
 */
export async function meetingAgreement(
  stores: {
    readonly rooms: Pick<RoomDocuments, "read">;
    readonly transcripts: Pick<TranscriptStore, "get">;
    readonly meetings: MeetingStore;
  },
  meetingId: string,
  round: Round,
  unit: AgreementUnit,
): Promise<{
  unit: AgreementUnit;
  before: AgreementFigure;
  after: ({ coderId: string } & AgreementFigure)[];
}> {
  const placed = await readRoundLayers(stores.rooms, stores.transcripts, round, () => true);
  // The decided codings are the current decisions' and the passages taken as agreed at the start.
  const decisions = new Set([...stores.meetings.current(meetingId).values()].map((d) => d.id));
  decisions.add(agreedMark(meetingId));
  // The texts the layers were just placed on: no document is read twice.
  const transcripts = placed.transcripts.map((transcript) => {
    const decided: { codeId: string; start: number; end: number }[] = [];
    const text = placed.texts.get(transcript.id);
    if (text) {
      forEachCoding(text.doc, (coding) => {
        if (coding.decisionId === undefined || !decisions.has(coding.decisionId)) return;
        const range = resolveAnchor(text.doc, text.index, coding.anchor);
        if (range) decided.push({ codeId: effectiveCodeId(placed.codebook, coding.codeId), ...range });
      });
    }
    return { ...transcript, layers: { ...transcript.layers, [DECIDED]: decided } };
  });
  const before = agreementOf(round, placed, unit).overall;
  const withDecided = agreementOf(
    { ...round, coderIds: [...round.coderIds, DECIDED] },
    { ...placed, transcripts },
    unit,
  );
  const after = withDecided.byPair
    .filter((pair) => pair.coders[1] === DECIDED)
    .map((pair) => ({
      coderId: pair.coders[0],
      percent: pair.percent,
      krippendorffAlpha: pair.krippendorffAlpha,
      units: pair.units,
      why: pair.why,
    }));
  return { unit, before, after };
}
