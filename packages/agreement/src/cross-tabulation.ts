import { AgreementInputError } from "./errors";

/** A label one coder gave one unit: a category name or a number. */
export type Label = string | number;

/** Two coders' labels of the same units, cross-tabulated. */
export interface CrossTabulation {
  /** The distinct labels either coder used, in the order first seen (first coder, then second). */
  readonly categories: readonly Label[];
  /** `counts[i][j]`: units the first coder labelled `categories[i]` and the second `categories[j]`. */
  readonly counts: readonly (readonly number[])[];
  /** How often the first coder used each category. */
  readonly firstTotals: readonly number[];
  /** How often the second coder used each category. */
  readonly secondTotals: readonly number[];
  /** The number of units. */
  readonly units: number;
}

/**
 * Cross-tabulates two coders' labels of the same units in the same order (`a[unit]`, `b[unit]`).
 * Throws {@link AgreementInputError} when the arrays differ in length or hold anything but strings and
 * finite numbers (two-coder coefficients take no missing values: leave such units out).
 */
export function crossTabulate(a: readonly Label[], b: readonly Label[]): CrossTabulation {
  checkLabels(a, "first");
  checkLabels(b, "second");
  if (a.length !== b.length) {
    throw new AgreementInputError(
      `The coders labelled different numbers of units (${a.length} and ${b.length}); give both the same units in the same order.`,
    );
  }
  const index = new Map<Label, number>();
  const categories: Label[] = [];
  for (const label of [...a, ...b]) {
    if (!index.has(label)) {
      index.set(label, categories.length);
      categories.push(label);
    }
  }
  const counts = categories.map(() => new Array<number>(categories.length).fill(0));
  const firstTotals = new Array<number>(categories.length).fill(0);
  const secondTotals = new Array<number>(categories.length).fill(0);
  a.forEach((label, unit) => {
    const i = index.get(label) ?? 0;
    const j = index.get(b[unit] as Label) ?? 0;
    const row = counts[i];
    if (row) row[j] = (row[j] ?? 0) + 1;
    firstTotals[i] = (firstTotals[i] ?? 0) + 1;
    secondTotals[j] = (secondTotals[j] ?? 0) + 1;
  });
  return { categories, counts, firstTotals, secondTotals, units: a.length };
}

function checkLabels(labels: readonly Label[], which: string): void {
  if (!Array.isArray(labels)) {
    throw new AgreementInputError(`The ${which} coder's labels must be an array, one label per unit.`);
  }
  for (let unit = 0; unit < labels.length; unit++) {
    const label: unknown = labels[unit];
    if (typeof label === "string") continue;
    if (typeof label === "number" && Number.isFinite(label)) continue;
    throw new AgreementInputError(
      `The ${which} coder's label for unit ${unit} is ${String(label)}, not a string or a finite number.`,
    );
  }
}
