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

/** Elements inside a turn that are not its text: margin stripes, others' cursor labels, thread markers, the gutter. */
const NOT_TEXT = ".coding-stripes, .ProseMirror-yjs-cursor, .thread-marker, .turn-gutter";

/**
 * Selects characters [start, end) of the text of turn `turn`, as a person's drag would leave the
 * browser's selection, and returns the selected text as the editor sees it. Decorations split the
 * text into many nodes, and others' cursor labels sit inside it; the walk skips those.
 */
export async function selectInTurn(page: Page, turn: number, start: number, end: number): Promise<string> {
  return page.evaluate(
    ([turnIndex, from, to, notText]) => {
      const element = document.querySelectorAll(".transcript .turn-text")[turnIndex] as HTMLElement;
      element.scrollIntoView({ block: "center" });
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT, {
        acceptNode: (node) =>
          node.parentElement?.closest(notText) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
      });
      let offset = 0;
      let anchor: [Node, number] | null = null;
      let focus: [Node, number] | null = null;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const length = node.textContent?.length ?? 0;
        if (!anchor && from < offset + length) anchor = [node, from - offset];
        if (!focus && to <= offset + length) focus = [node, to - offset];
        offset += length;
      }
      if (!anchor || !focus) return "";
      (document.querySelector(".transcript") as HTMLElement).focus();
      const selection = window.getSelection();
      selection?.setBaseAndExtent(anchor[0], anchor[1], focus[0], focus[1]);
      if (!selection || selection.rangeCount === 0) return "";
      const contents = selection.getRangeAt(0).cloneContents();
      for (const widget of contents.querySelectorAll(notText)) widget.remove();
      return contents.textContent ?? "";
    },
    [turn, start, end, NOT_TEXT] as const,
  );
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

/** The text of turn `turn` as the page shows it, without cursors, markers or stripes. */
export async function turnText(page: Page, turn: number): Promise<string> {
  return page.evaluate(
    ([turnIndex, notText]) => {
      const element = document.querySelectorAll(".transcript .turn-text")[turnIndex];
      const copy = element?.cloneNode(true) as HTMLElement | undefined;
      for (const other of copy?.querySelectorAll(notText) ?? []) other.remove();
      return copy?.textContent ?? "";
    },
    [turn, NOT_TEXT] as const,
  );
}

/** Lengths of the turns' texts, to pick ranges inside them. */
export async function turnLengths(page: Page): Promise<number[]> {
  return page.evaluate(
    (notText) =>
      [...document.querySelectorAll(".transcript .turn-text")].map((element) => {
        let length = 0;
        const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          if (!node.parentElement?.closest(notText)) length += node.textContent?.length ?? 0;
        }
        return length;
      }),
    NOT_TEXT,
  );
}
