import { expect } from "vitest";

/** Asserts that `actual` is a number no further than `tolerance` from `expected`. */
export function expectWithin(actual: number | null | undefined, expected: number, tolerance: number): void {
  expect(actual, `expected a number near ${expected}`).toBeTypeOf("number");
  expect(
    Math.abs((actual as number) - expected),
    `${actual} should be within ${tolerance} of ${expected}`,
  ).toBeLessThanOrEqual(tolerance);
}
