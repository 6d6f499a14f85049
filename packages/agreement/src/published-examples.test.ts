import { describe, expect, it } from "vitest";
import { publishedExamples } from "../test-support/published-examples";

/** Which test file checks each entry of shared/reference/agreement.json. */
const coveredBy: Record<string, string> = {
  krippendorff2011_4coders_12units_nominal: "alpha.test.ts, percent.test.ts",
  krippendorff2011_4coders_12units_ordinal: "alpha.test.ts",
  krippendorff2011_4coders_12units_interval: "alpha.test.ts",
  krippendorff2011_4coders_12units_ratio: "alpha.test.ts",
  wikipedia_3coders_15units_nominal: "alpha.test.ts",
  wikipedia_3coders_15units_interval: "alpha.test.ts",
  wikipedia_cohen_grant_proposals: "kappa.test.ts, percent.test.ts",
  wikipedia_fleiss_10subjects_14raters_5cats: "fleiss.test.ts",
  krippendorff2004_p254_unitizing_alpha_u: "unitized-1995.test.ts",
  alpha_u_2019_family_identical: "unitized.test.ts",
  atlasti_manual_textual_continuum_counts: "character-agreement.test.ts",
};

describe("the published agreement examples", () => {
  it("are each checked by a test, so that a new entry fails here until one checks it", () => {
    expect(publishedExamples().map((example) => example.name)).toEqual(Object.keys(coveredBy));
  });
});
