import { afterEach, expect } from "vitest";
import { takePageProblems } from "../support/page-problems";

// Every browser test fails on an error a page threw or logged, unless the test expected it.
afterEach(() => {
  expect(takePageProblems()).toEqual([]);
});
