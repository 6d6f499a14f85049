import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";

/** One accessibility problem axe-core found on a page, in short. */
export interface AxeProblem {
  readonly rule: string;
  readonly impact: string | null;
  readonly targets: string[];
  readonly help: string;
}

/**
 * Runs axe-core on `page` against WCAG 2.2 A and AA and returns what it finds (a test expects
 * none). Others' cursors and selections are left out: they are drawn for a moment by another
 * person's page and announced by the page's own live regions.
 */
export async function accessibilityProblems(page: Page): Promise<AxeProblem[]> {
  const results = await new AxeBuilder({ page: page as never })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .exclude(".ProseMirror-yjs-cursor")
    .analyze();
  return results.violations.map((v) => ({
    rule: v.id,
    impact: v.impact ?? null,
    targets: v.nodes.slice(0, 5).map((n) => n.target.join(" ")),
    help: v.help,
  }));
}
