import type { DisagreementItem } from "./agenda";

/**
 * What a meeting decided about a disagreement: keep one coder's version, the union or the
 * intersection of every version, stretches set by hand, another code (on the versions' union or on
 * stretches set by hand), or no code at all.
 */
export type Outcome =
  | { readonly kind: "keep"; readonly coderId: string }
  | { readonly kind: "union" }
  | { readonly kind: "intersection" }
  | { readonly kind: "ranges"; readonly ranges: readonly Stretch[] }
  | { readonly kind: "code"; readonly codeId: string; readonly ranges?: readonly Stretch[] }
  | { readonly kind: "none" };

/** A stretch [start, end) of a transcript's canonical text. */
export interface Stretch {
  readonly start: number;
  readonly end: number;
}

/** A coding a decision writes into the shared codings. */
export interface AgreedCoding extends Stretch {
  readonly codeId: string;
}

/** Why an outcome cannot apply to an item, in words; or null. */
export function outcomeProblem(item: DisagreementItem, outcome: Outcome, textLength: number): string | null {
  if (outcome.kind === "keep" && !Object.hasOwn(item.versions, outcome.coderId))
    return "That coder is not one of the coders compared here.";
  const ranges = outcome.kind === "ranges" || outcome.kind === "code" ? outcome.ranges : undefined;
  if (outcome.kind === "ranges" && (ranges ?? []).length === 0) return "Give at least one stretch of text.";
  for (const range of ranges ?? []) {
    if (
      !Number.isSafeInteger(range.start) ||
      !Number.isSafeInteger(range.end) ||
      range.start < 0 ||
      range.end > textLength ||
      range.start >= range.end
    )
      return `The stretch ${range.start}–${range.end} is not text of this transcript.`;
  }
  if ((ranges ?? []).length > 100) return "At most 100 stretches in one decision.";
  return null;
}

/**
 * The codings a decision leaves in the shared codings for its item: stretches joined where they
 * overlap or touch, in text order. Check the outcome with {@link outcomeProblem} first.
 */
export function agreedCodings(item: DisagreementItem, outcome: Outcome): AgreedCoding[] {
  const versions = Object.values(item.versions).map((codings) => joined(codings));
  const withCode = versions.filter((stretches) => stretches.length > 0);
  let stretches: Stretch[];
  let codeId = item.codeId;
  switch (outcome.kind) {
    case "keep":
      stretches = joined(item.versions[outcome.coderId] ?? []);
      break;
    case "union":
      stretches = joined(withCode.flat());
      break;
    case "intersection":
      // Every compared coder's version, those without the code included: an intersection with nothing is nothing.
      stretches = versions.reduce<Stretch[]>((common, next) => intersect(common, next), versions[0] ?? []);
      break;
    case "ranges":
      stretches = joined(outcome.ranges);
      break;
    case "code":
      codeId = outcome.codeId;
      stretches = joined(outcome.ranges ?? withCode.flat());
      break;
    case "none":
      stretches = [];
      break;
  }
  return stretches.map((s) => ({ codeId, start: s.start, end: s.end }));
}

function joined(stretches: readonly Stretch[]): Stretch[] {
  const result: { start: number; end: number }[] = [];
  for (const s of [...stretches].sort((a, b) => a.start - b.start || a.end - b.end)) {
    const last = result[result.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else result.push({ start: s.start, end: s.end });
  }
  return result;
}

function intersect(a: readonly Stretch[], b: readonly Stretch[]): Stretch[] {
  const result: Stretch[] = [];
  let i = 0;
  let j = 0;
  const x = joined(a);
  const y = joined(b);
  while (i < x.length && j < y.length) {
    const p = x[i] as Stretch;
    const q = y[j] as Stretch;
    const start = Math.max(p.start, q.start);
    const end = Math.min(p.end, q.end);
    if (start < end) result.push({ start, end });
    if (p.end < q.end) i++;
    else j++;
  }
  return result;
}
