import type { BrowserContext, Page } from "playwright-core";
import type { Member, Team } from "./team";

/** Opens the transcript in a browser context signed in as `member`, and waits for its text. */
export async function openTranscript(
  context: BrowserContext,
  baseUrl: string,
  team: Team,
  member: Member,
): Promise<Page> {
  await context.addCookies([{ name: "concord_session", value: member.cookie, url: baseUrl }]);
  const page = await context.newPage();
  await page.goto(`${baseUrl}/projects/${team.projectId}/transcripts/${team.transcriptId}`);
  // An empty turn shows until the content arrives; wait for a speaker, which only real content has.
  await page.locator(".transcript .speaker").first().waitFor();
  await page.locator('[data-connection="online"]').waitFor();
  return page;
}

/**
 * Selects characters [start, end) of the text of turn `turn` by dragging the mouse across them, as
 * a person would, and returns the selected text. Decorations split the text into many nodes; the
 * points to press and release at are found by walking them.
 */
export async function selectInTurn(page: Page, turn: number, start: number, end: number): Promise<string> {
  const points = await page.evaluate(
    ([turnIndex, from, to]) => {
      const element = document.querySelectorAll(".transcript .turn-text")[turnIndex] as HTMLElement;
      element.scrollIntoView({ block: "center" });
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT, {
        acceptNode: (node) =>
          node.parentElement?.closest(".coding-stripes")
            ? NodeFilter.FILTER_REJECT
            : NodeFilter.FILTER_ACCEPT,
      });
      const charRect = (offset: number) => {
        let seen = 0;
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const length = node.textContent?.length ?? 0;
          if (offset < seen + length) {
            const range = document.createRange();
            range.setStart(node, offset - seen);
            range.setEnd(node, offset - seen + 1);
            const rects = range.getClientRects();
            return rects[rects.length - 1] ?? range.getBoundingClientRect();
          }
          seen += length;
        }
        return null;
      };
      const first = charRect(from);
      walker.currentNode = element;
      const last = charRect(to - 1);
      if (!first || !last) return null;
      return {
        x1: first.left + 0.5,
        y1: first.top + first.height / 2,
        x2: last.right - 0.5,
        y2: last.top + last.height / 2,
      };
    },
    [turn, start, end] as const,
  );
  if (!points) return "";
  await page.mouse.move(points.x1, points.y1);
  await page.mouse.down();
  await page.mouse.move(points.x2, points.y2, { steps: 4 });
  await page.mouse.up();
  // The selected text as the editor sees it: without others' cursor labels, stripes or speaker gutters.
  return page.evaluate(() => {
    const selection = window.getSelection();
    if (!selection || selection.rangeCount === 0) return "";
    const contents = selection.getRangeAt(0).cloneContents();
    for (const widget of contents.querySelectorAll(".ProseMirror-yjs-cursor, .coding-stripes, .turn-gutter"))
      widget.remove();
    return contents.textContent ?? "";
  });
}

/** The codings a page draws: coding id → the highlighted text, from the rendered decorations. */
export async function renderedCodings(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => {
    const result: Record<string, string> = {};
    for (const element of document.querySelectorAll<HTMLElement>(".transcript [data-codings]")) {
      for (const id of (element.dataset.codings ?? "").split(" ").filter(Boolean)) {
        result[id] = (result[id] ?? "") + (element.textContent ?? "");
      }
    }
    return result;
  });
}

/** Lengths of the turns' texts, to pick ranges inside them. */
export async function turnLengths(page: Page): Promise<number[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll(".transcript .turn-text")].map((element) => {
      let length = 0;
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.parentElement?.closest(".coding-stripes")) length += node.textContent?.length ?? 0;
      }
      return length;
    }),
  );
}
