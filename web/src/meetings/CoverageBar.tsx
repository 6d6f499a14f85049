/**
 * A picture of how much of a passage one coder's version covers: the passage as a bar, their
 * stretches filled in. Reads faster than offsets when boundaries differ by a few words.
 */
export function CoverageBar(props: {
  passage: { readonly start: number; readonly end: number };
  stretches: readonly { readonly start: number; readonly end: number }[];
  color: string;
}) {
  const { passage, stretches, color } = props;
  const span = Math.max(1, passage.end - passage.start);
  const x = (offset: number) =>
    ((Math.min(Math.max(offset, passage.start), passage.end) - passage.start) / span) * 100;
  const covered = stretches.reduce((sum, s) => sum + Math.max(0, x(s.end) - x(s.start)), 0);
  const words =
    stretches.length === 0
      ? "covers none of the passage"
      : `covers ${Math.round(covered)}% of the passage: ${stretches.map((s) => `characters ${s.start}–${s.end}`).join(", ")}`;
  return (
    <svg
      className="coverage-bar"
      viewBox="0 0 100 6"
      preserveAspectRatio="none"
      role="img"
      aria-label={words}
    >
      <title>{words}</title>
      <rect x={0} y={0} width={100} height={6} className="coverage-passage" />
      {stretches.map((s) => (
        <rect
          key={`${s.start}-${s.end}`}
          x={x(s.start)}
          y={0}
          width={x(s.end) - x(s.start)}
          height={6}
          fill={color}
        />
      ))}
    </svg>
  );
}
