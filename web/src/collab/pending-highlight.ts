import type { EditorView } from "prosemirror-view";

/**
 * The highlight of a coding one has just made, drawn with the CSS Custom Highlight API in the frame
 * after the keypress, before the coding is written and ProseMirror redraws the passage with it.
 * A highlight of this kind is painted over the text as it lies: the browser lays nothing out for
 * it, so the frame that shows it is a short one. It goes when the coding's own highlight is drawn
 * (or when the coding turns out to be there already).
 *
 * Each code colour has a highlight name of its own, with its rule written in idle time (a new rule
 * restyles the page); a colour without one yet is drawn in a neutral wash.
 */
export class PendingHighlight {
  private readonly sheet = new CSSStyleSheet();
  private readonly names = new Map<string, string>();
  private readonly shown = new Set<string>();
  private idle: number | null = null;
  private drawn = 0;

  constructor(private readonly root: Document = document) {
    this.sheet.insertRule(
      "::highlight(concord-pending) { background-color: rgba(9, 105, 218, 0.18); }",
      this.sheet.cssRules.length,
    );
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, this.sheet];
  }

  /** Whether this browser can draw one (Chromium, Safari and Firefox can). */
  static get supported(): boolean {
    return typeof CSS !== "undefined" && "highlights" in CSS && typeof Highlight !== "undefined";
  }

  /** Makes ready, when the browser is idle, a highlight for each of these `#rrggbb` colours. */
  prepare(colours: Iterable<string>): void {
    const missing = [...colours].filter((c) => /^#[0-9a-f]{6}$/i.test(c) && !this.names.has(c));
    if (missing.length === 0 || this.idle !== null) return;
    this.idle = requestIdleCallback(() => {
      this.idle = null;
      for (const colour of missing) {
        if (this.names.has(colour)) continue;
        const name = `concord-pending-${this.names.size}`;
        this.sheet.insertRule(
          `::highlight(${name}) { background-color: ${colour}38; text-decoration: underline 2px ${colour}; }`,
          this.sheet.cssRules.length,
        );
        this.names.set(colour, name);
      }
    });
  }

  /** Draws ProseMirror positions [from, to) of `view` in `colour`; says so on the editor for tests. */
  show(view: EditorView, from: number, to: number, colour: string): void {
    if (!PendingHighlight.supported || from >= to) return;
    const start = view.domAtPos(from);
    const end = view.domAtPos(to);
    const range = new Range();
    range.setStart(start.node, start.offset);
    range.setEnd(end.node, end.offset);
    const name = this.names.get(colour) ?? "concord-pending";
    const highlight = CSS.highlights.get(name);
    if (highlight) highlight.add(range);
    else CSS.highlights.set(name, new Highlight(range));
    this.shown.add(name);
    view.dom.setAttribute("data-pending", String(++this.drawn));
  }

  /** Takes every pending highlight away (the codings' own highlights are drawn). */
  clear(): void {
    for (const name of this.shown) CSS.highlights.delete(name);
    this.shown.clear();
  }

  /** Takes the highlights and their stylesheet out of the page. */
  destroy(): void {
    this.clear();
    if (this.idle !== null) cancelIdleCallback(this.idle);
    this.root.adoptedStyleSheets = this.root.adoptedStyleSheets.filter((sheet) => sheet !== this.sheet);
  }
}
