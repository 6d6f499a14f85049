/** How a stretch gets its look: a shared class, or (until its class exists) an inline style. */
export type Look = { readonly class: string } | { readonly style: string };

/**
 * One CSS class per look of a highlighted stretch (its codes' colours, in order), written once into a
 * stylesheet of the editor's own. Ten thousand stretches then carry a short class name instead of an
 * inline style the browser would parse ten thousand times. Adding a rule makes the browser restyle
 * the whole page, so a look first seen while someone is coding is drawn inline at once and gets its
 * rule in idle time.
 */
export class HighlightStyles {
  private readonly sheet = new CSSStyleSheet();
  private readonly classes = new Map<string, string>();
  private readonly waiting = new Map<string, readonly string[]>();
  private idle: number | null = null;

  constructor(private readonly root: Document = document) {
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, this.sheet];
  }

  /**
   * The look of a stretch with these colours (`#rrggbb`, as the codebook guarantees). With `now`
   * (drawing a whole transcript) a new look gets its class at once; otherwise it is drawn inline and
   * its class is written when the browser is idle.
   */
  lookFor(colours: readonly string[], now: boolean): Look {
    const key = colours.join(",");
    const name = this.classes.get(key);
    if (name !== undefined) return { class: name };
    if (now) return { class: this.insert(key, colours) };
    this.waiting.set(key, colours);
    this.idle ??= requestIdleCallback(() => {
      this.idle = null;
      for (const [waitingKey, waitingColours] of this.waiting) this.insert(waitingKey, waitingColours);
      this.waiting.clear();
    });
    return { style: declarations(colours) };
  }

  private insert(key: string, colours: readonly string[]): string {
    const existing = this.classes.get(key);
    if (existing !== undefined) return existing;
    const name = `coding-look-${this.classes.size}`;
    this.classes.set(key, name);
    this.sheet.insertRule(`.${name} { ${declarations(colours)} }`, this.sheet.cssRules.length);
    return name;
  }

  /** Takes the stylesheet out of the page. */
  destroy(): void {
    if (this.idle !== null) cancelIdleCallback(this.idle);
    this.root.adoptedStyleSheets = this.root.adoptedStyleSheets.filter((sheet) => sheet !== this.sheet);
  }
}

/** A light wash of the first code, and one thin underline per code, stacked like MAXQDA's. */
function declarations(colours: readonly string[]): string {
  const underlines = colours
    .map(
      (colour, n) => `linear-gradient(${colour}, ${colour}) 0 calc(100% - ${n * 3}px) / 100% 2px no-repeat`,
    )
    .join(", ");
  return `background: ${underlines}, ${withAlpha(colours[0] ?? "#888888", 0.18)}; padding-bottom: ${colours.length * 3}px;`;
}

function withAlpha(hex: string, alpha: number): string {
  const value = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(value >> 16) & 255}, ${(value >> 8) & 255}, ${value & 255}, ${alpha})`;
}
