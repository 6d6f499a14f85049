import type { CodeEntry } from "@concord/schema";
import { effectiveCodeId } from "@concord/schema";
import { Plugin, PluginKey } from "prosemirror-state";
import { Decoration, DecorationSet } from "prosemirror-view";
import type * as Y from "yjs";
import { CodingPlacer, type OrphanCoding, type PlacedCoding } from "./coding-ranges";

/** What the highlights show: the codebook (for colours and merges) and the filters. */
export interface CodingView {
  readonly codes: ReadonlyMap<string, CodeEntry>;
  /** Only these codes (effective ids), or all when null. */
  readonly codeFilter: ReadonlySet<string> | null;
  /** Only these coders, or all when null. */
  readonly coderFilter: ReadonlySet<string> | null;
}

interface CodingPluginState {
  readonly decorations: DecorationSet;
  readonly placed: readonly PlacedCoding[];
  readonly orphans: readonly OrphanCoding[];
  readonly view: CodingView;
}

/** The plugin's key: read its state for the placed codings, dispatch `refresh` to redraw. */
export const codingPluginKey = new PluginKey<CodingPluginState>("concord-codings");

/** Transaction meta that asks for a redraw, optionally with a new {@link CodingView}. */
export interface CodingRefresh {
  readonly view?: CodingView;
}

function withAlpha(hex: string, alpha: number): string {
  const value = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(value >> 16) & 255}, ${(value >> 8) & 255}, ${value & 255}, ${alpha})`;
}

function build(
  placer: CodingPlacer,
  state: { doc: import("prosemirror-model").Node },
  view: CodingView,
): CodingPluginState {
  const { placed, orphans } = placer.place(state.doc);
  const visible = placed.filter((p) => {
    const code = effectiveCodeId(view.codes, p.coding.codeId);
    return (
      (!view.codeFilter || view.codeFilter.has(code)) &&
      (!view.coderFilter || view.coderFilter.has(p.coding.coderId))
    );
  });
  const decorations: Decoration[] = [];
  const stripes = new Map<number, Map<string, string>>();
  const colourOf = (p: PlacedCoding) =>
    view.codes.get(effectiveCodeId(view.codes, p.coding.codeId))?.color ?? "#888888";
  for (const p of visible) {
    const codeId = effectiveCodeId(view.codes, p.coding.codeId);
    for (let block = p.blockFrom; block <= p.blockTo; block++) {
      const codes = stripes.get(block) ?? new Map<string, string>();
      codes.set(codeId, colourOf(p));
      stripes.set(block, codes);
    }
  }
  // ProseMirror draws one element per stretch of text, however many inline decorations cover it,
  // keeping only the last one's attributes. So cut the codings into stretches where the same set of
  // codings applies, and draw each stretch once, with every coding it carries.
  const byStart = [...visible].sort((a, b) => a.from - b.from);
  const boundaries = [...new Set(visible.flatMap((p) => [p.from, p.to]))].sort((a, b) => a - b);
  const active = new Set<PlacedCoding>();
  let next = 0;
  for (let i = 0; i + 1 < boundaries.length; i++) {
    const from = boundaries[i] as number;
    const to = boundaries[i + 1] as number;
    while (next < byStart.length && (byStart[next] as PlacedCoding).from <= from)
      active.add(byStart[next++] as PlacedCoding);
    for (const p of active) if (p.to <= from) active.delete(p);
    if (active.size === 0) continue;
    const here = [...active];
    const colours = [...new Set(here.map(colourOf))];
    // A light wash of the first code, and one thin underline per code, stacked like MAXQDA's.
    const underlines = colours
      .map(
        (colour, n) => `linear-gradient(${colour}, ${colour}) 0 calc(100% - ${n * 3}px) / 100% 2px no-repeat`,
      )
      .join(", ");
    decorations.push(
      Decoration.inline(
        from,
        to,
        {
          class: "coding",
          style: `background: ${underlines}, ${withAlpha(colours[0] as string, 0.18)}; padding-bottom: ${colours.length * 3}px`,
          "data-codings": here.map((p) => p.id).join(" "),
          "data-codes": colours.length > 1 ? String(colours.length) : "1",
        },
        { codings: here.map((p) => p.id) },
      ),
    );
  }
  // The margin: one thin bar per code in each turn it touches, as NVivo and MAXQDA draw them.
  let block = 0;
  state.doc.forEach((node, offset) => {
    const codes = stripes.get(block);
    if (codes && node.isBlock) {
      const entries = [...codes];
      decorations.push(
        Decoration.widget(
          offset + 1,
          () => {
            const margin = document.createElement("span");
            margin.className = "coding-stripes";
            margin.contentEditable = "false";
            for (const [codeId, color] of entries) {
              const bar = document.createElement("i");
              bar.style.background = color;
              bar.dataset.code = codeId;
              bar.title = view.codes.get(codeId)?.name ?? "";
              margin.append(bar);
            }
            return margin;
          },
          { side: -1, key: `stripes-${block}-${entries.map(([id]) => id).join(",")}`, ignoreSelection: true },
        ),
      );
    }
    block += 1;
  });
  return { decorations: DecorationSet.create(state.doc, decorations), placed, orphans, view };
}

/**
 * Draws codings as highlights and margin stripes. Codings live outside the text (in the
 * transcript document's `codings` map), so this plugin re-places them whenever the content or
 * the codings change, rather than mapping old decorations through y-prosemirror's whole-document
 * replacements, which would drop them all.
 */
export function codingPlugin(ydoc: Y.Doc, initial: CodingView): Plugin<CodingPluginState> {
  const placer = new CodingPlacer(ydoc);
  return new Plugin<CodingPluginState>({
    key: codingPluginKey,
    state: {
      init: (_, state) => build(placer, state, initial),
      apply(tr, previous, _old, state) {
        const refresh = tr.getMeta(codingPluginKey) as CodingRefresh | undefined;
        if (refresh) return build(placer, state, refresh.view ?? previous.view);
        if (tr.docChanged) return build(placer, state, previous.view);
        return previous;
      },
    },
    view: () => ({ destroy: () => placer.destroy() }),
    props: {
      decorations: (state) => codingPluginKey.getState(state)?.decorations ?? DecorationSet.empty,
      // Counts on the editor element, for people's tools and for tests that compare views.
      attributes: (state): Record<string, string> => {
        const current = codingPluginKey.getState(state);
        return {
          "data-placed": String(current?.placed.length ?? 0),
          "data-orphans": String(current?.orphans.length ?? 0),
        };
      },
    },
  });
}
