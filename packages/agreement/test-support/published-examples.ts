import { existsSync, readFileSync } from "node:fs";

/**
 * The shared file of published agreement examples (`shared/reference/agreement.json` beside the
 * repository), read in place: tests never keep a copy. This module sits at the same depth as `src/`,
 * so the path is the same relative to every test file.
 */
const file = new URL("../../../../shared/reference/agreement.json", import.meta.url);

/** One entry of the file, with its data and expectations in the shapes its test knows. */
export interface PublishedExample<Data = unknown, Expected = unknown, Details = unknown> {
  name: string;
  source: string;
  metric: string;
  data: Data;
  expected: Expected;
  tolerance: number;
  expected_details?: Details;
  verified?: boolean;
  [more: string]: unknown;
}

/** Every entry of the file, in order. */
export function publishedExamples(): PublishedExample[] {
  if (!existsSync(file)) throw new Error(`The published examples are missing: ${file.pathname}`);
  const parsed = JSON.parse(readFileSync(file, "utf8")) as { refs: PublishedExample[] };
  return parsed.refs;
}

/** The entry named `name`, typed as its test expects; throws if the file has no such entry. */
export function publishedExample<Data, Expected = number, Details = unknown>(
  name: string,
): PublishedExample<Data, Expected, Details> {
  const example = publishedExamples().find((entry) => entry.name === name);
  if (example === undefined) throw new Error(`No published example named ${name}`);
  return example as PublishedExample<Data, Expected, Details>;
}
