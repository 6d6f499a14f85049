/** Agreement before and after a meeting, as the server worked it out. */
export interface AgreementAnswer {
  readonly before: { readonly krippendorffAlpha: number | null };
  readonly after: readonly { readonly coderId: string; readonly krippendorffAlpha: number | null }[];
}

const alpha = (value: number | null) => (value === null ? "–" : value.toFixed(3));

/**
 * Where a meeting on a round stands: the passages every coder coded alike (in the shared codings
 * from the start), and agreement among the coders before and with what has been decided.
 */
export function MeetingOutcome(props: {
  agreed: number;
  agreement: AgreementAnswer | null;
  nameOf: (userId: string) => string;
}) {
  const { agreed, agreement, nameOf } = props;
  return (
    <div className="meeting-outcome">
      <p className="hint" data-agreed>
        {agreed === 0
          ? "No passage was coded alike by every coder: all they coded is on the agenda."
          : `${agreed === 1 ? "1 passage" : `${agreed} passages`} every coder coded alike ${agreed === 1 ? "is" : "are"} in the shared codings already: the agenda is what they coded differently.`}
      </p>
      {agreement && (
        <p className="hint" data-agreement>
          Krippendorff's alpha at the turn unit: {alpha(agreement.before.krippendorffAlpha)} among the coders
          before the meeting; each coder with the shared codings agreed and decided so far:{" "}
          {agreement.after.map((a) => `${nameOf(a.coderId)} ${alpha(a.krippendorffAlpha)}`).join(", ")}.
        </p>
      )}
    </div>
  );
}
