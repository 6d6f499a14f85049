/**
 * One CSS class per look of a highlighted stretch (its codes' colours, in order), written once into a
 * stylesheet of the editor's own. Ten thousand stretches then carry a short class name instead of an
 * inline style the browser would parse ten thousand times.
 */
export class HighlightStyles {
  private readonly sheet = new CSSStyleSheet();
  private readonly classes = new Map<string, string>();

  constructor(private readonly root: Document = document) {
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, this.sheet];
  }

  /** The class for a stretch with these colours (`#rrggbb`, as the codebook guarantees). */
  classFor(colours: readonly string[]): string {
    const key = colours.join(",");
    let name = this.classes.get(key);
    if (name === undefined) {
      name = `coding-look-${this.classes.size}`;
      this.classes.set(key, name);
      // A light wash of the first code, and one thin underline per code, stacked like MAXQDA's.
      const underlines = colours
        .map(
          (colour, n) =>
            `linear-gradient(${colour}, ${colour}) 0 calc(100% - ${n * 3}px) / 100% 2px no-repeat`,
        )
        .join(", ");
      this.sheet.insertRule(
        `.${name} { background: ${underlines}, ${withAlpha(colours[0] ?? "#888888", 0.18)}; padding-bottom: ${colours.length * 3}px; }`,
        this.sheet.cssRules.length,
      );
    }
    return name;
  }

  /** Takes the stylesheet out of the page. */
  destroy(): void {
    this.root.adoptedStyleSheets = this.root.adoptedStyleSheets.filter((sheet) => sheet !== this.sheet);
  }
}

function withAlpha(hex: string, alpha: number): string {
  const value = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(value >> 16) & 255}, ${(value >> 8) & 255}, ${value & 255}, ${alpha})`;
}
