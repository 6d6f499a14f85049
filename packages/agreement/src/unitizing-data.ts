import { AgreementInputError } from "./errors";

/**
 * A unit one coder identified on the continuum and the value (code) they gave it: the code points
 * [start, end) of the canonical text, start inclusive, end exclusive.
 */
export interface CoderUnit {
  coder: string;
  start: number;
  end: number;
  value: string;
}

/** The continuum the units lie on, and optionally who coded it. */
export interface UnitizingOptions {
  /** The continuum's length in code points: units lie within [0, length). */
  length: number;
  /**
   * Every coder who unitized the continuum, including any who identified no unit at all (their
   * whole continuum is then a gap). Without it the coders are those who appear in `units`, since
   * nothing else tells a coder who found nothing from one who never looked.
   */
  coders?: readonly string[];
}

/** Units checked and grouped by coder. */
export interface UnitizingData {
  readonly length: number;
  readonly coders: readonly string[];
  /** `unitsByCoder[i]`: the units of `coders[i]`, by start, then end. */
  readonly unitsByCoder: readonly (readonly CoderUnit[])[];
}

/**
 * Checks units against their continuum and groups them by coder (in `options.coders` order, else in
 * order of first appearance). Throws {@link AgreementInputError} for a length that is not a whole
 * number ≥ 1, a unit whose bounds are not whole numbers with 0 ≤ start < end ≤ length, a coder or value
 * that is not a string, or a unit by a coder missing from `options.coders`.
 */
export function readUnitizingData(units: readonly CoderUnit[], options: UnitizingOptions): UnitizingData {
  const length = options?.length;
  if (typeof length !== "number" || !Number.isSafeInteger(length) || length < 1) {
    throw new AgreementInputError(
      `The continuum's length must be a whole number of code points ≥ 1, not ${String(length)}.`,
    );
  }
  if (!Array.isArray(units)) throw new AgreementInputError("Units must be an array.");
  const coders = listedCoders(options.coders);
  const byCoder = new Map<string, CoderUnit[]>(coders?.map((coder) => [coder, []]));
  units.forEach((unit, at) => {
    checkUnit(unit, at, length);
    let own = byCoder.get(unit.coder);
    if (own === undefined) {
      if (coders !== undefined) {
        throw new AgreementInputError(
          `Unit ${at} is by ${JSON.stringify(unit.coder)}, who is not among options.coders.`,
        );
      }
      own = [];
      byCoder.set(unit.coder, own);
    }
    own.push(unit);
  });
  const unitsByCoder = [...byCoder.values()].map((own) =>
    [...own].sort((x, y) => x.start - y.start || x.end - y.end),
  );
  return { length, coders: [...byCoder.keys()], unitsByCoder };
}

/**
 * Throws unless each coder's units of any one value are apart (adjacent is fine): the unitizing
 * coefficients need to know which stretches a coder gave a value, once.
 */
export function checkNoOverlapWithinValue(data: UnitizingData, measure: string): void {
  data.unitsByCoder.forEach((own, coder) => {
    const furthest = new Map<string, CoderUnit>();
    for (const unit of own) {
      const previous = furthest.get(unit.value);
      if (previous !== undefined && previous.end > unit.start) {
        overlapError(data, coder, previous, unit, measure);
      }
      if (previous === undefined || unit.end > previous.end) furthest.set(unit.value, unit);
    }
  });
}

/**
 * Throws unless each coder's units are apart, whatever their values: the coder's continuum must be a
 * partition into units and gaps. Code one group of mutually exclusive codes at a time.
 */
export function checkNoOverlap(data: UnitizingData, measure: string): void {
  data.unitsByCoder.forEach((own, coder) => {
    for (let at = 1; at < own.length; at++) {
      const previous = own[at - 1];
      const unit = own[at];
      if (previous && unit && previous.end > unit.start) overlapError(data, coder, previous, unit, measure);
    }
  });
}

function overlapError(
  data: UnitizingData,
  coder: number,
  a: CoderUnit,
  b: CoderUnit,
  measure: string,
): never {
  throw new AgreementInputError(
    `${measure}: ${JSON.stringify(data.coders[coder])}'s units [${a.start}, ${a.end}) ${JSON.stringify(a.value)} and [${b.start}, ${b.end}) ${JSON.stringify(b.value)} overlap; a coder's units must not overlap here.`,
  );
}

function listedCoders(coders: readonly string[] | undefined): readonly string[] | undefined {
  if (coders === undefined) return undefined;
  if (!Array.isArray(coders) || coders.some((coder) => typeof coder !== "string")) {
    throw new AgreementInputError("options.coders must be an array of coder names.");
  }
  if (new Set(coders).size !== coders.length) {
    throw new AgreementInputError("options.coders names a coder twice.");
  }
  return coders;
}

function checkUnit(unit: CoderUnit, at: number, length: number): void {
  if (typeof unit !== "object" || unit === null)
    throw new AgreementInputError(`Unit ${at} is not an object.`);
  const { coder, start, end, value } = unit;
  if (typeof coder !== "string") throw new AgreementInputError(`Unit ${at} has no coder name.`);
  if (typeof value !== "string") throw new AgreementInputError(`Unit ${at} has no value (a string).`);
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end)) {
    throw new AgreementInputError(`Unit ${at}'s start and end must be whole code point offsets.`);
  }
  if (start < 0 || end > length || start >= end) {
    throw new AgreementInputError(
      `Unit ${at} is [${start}, ${end}); it must be non-empty and lie within the continuum [0, ${length}).`,
    );
  }
}
