import type { TranscriptIndex } from "@concord/anchoring";
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
  /** The canonical text index the codings were placed with: current until the text changes. */
  readonly index: TranscriptIndex;
  /** What each block's highlights were drawn from, to redraw only blocks whose codings changed. */
  readonly signatures: ReadonlyMap<number, Signature>;
  /** The decorations drawn for each block, to take them out again. */
  readonly blockDecorations: ReadonlyMap<number, readonly Decoration[]>;
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

/** The codings (placed objects, stable while the text is unchanged) and colours a block was drawn from. */
interface Signature {
  readonly covering: readonly PlacedCoding[];
  readonly colours: string;
}

function sameSignature(a: Signature | undefined, b: Signature | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.colours !== b.colours || a.covering.length !== b.covering.length) return false;
  return a.covering.every((p, i) => p === b.covering[i]);
}

/** The highlights and the margin stripes of one block, from the codings that touch it. */
function drawBlock(
  block: number,
  offset: number,
  size: number,
  covering: readonly PlacedCoding[],
  colourOf: (p: PlacedCoding) => string,
  view: CodingView,
): Decoration[] {
  const contentFrom = offset + 1;
  const contentTo = offset + size - 1;
  const decorations: Decoration[] = [];
  // ProseMirror draws one element per stretch of text, however many inline decorations cover it,
  // keeping only the last one's attributes. So cut the codings into stretches where the same set of
  // codings applies, and draw each stretch once, with every coding it carries.
  const clip = (pos: number) => Math.max(contentFrom, Math.min(contentTo, pos));
  const boundaries = [...new Set(covering.flatMap((p) => [clip(p.from), clip(p.to)]))].sort((a, b) => a - b);
  const byStart = [...covering].sort((a, b) => clip(a.from) - clip(b.from));
  const active = new Set<PlacedCoding>();
  let next = 0;
  for (let i = 0; i + 1 < boundaries.length; i++) {
    const from = boundaries[i] as number;
    const to = boundaries[i + 1] as number;
    while (next < byStart.length && clip((byStart[next] as PlacedCoding).from) <= from)
      active.add(byStart[next++] as PlacedCoding);
    for (const p of active) if (clip(p.to) <= from) active.delete(p);
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
        },
        { codings: here.map((p) => p.id) },
      ),
    );
  }
  // The margin: one thin bar per code in the turn, as NVivo and MAXQDA draw them.
  const codes = new Map<string, string>();
  for (const p of covering) codes.set(effectiveCodeId(view.codes, p.coding.codeId), colourOf(p));
  const entries = [...codes];
  decorations.push(
    Decoration.widget(
      contentFrom,
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
      {
        side: -1,
        key: `stripes-${block}-${entries.map(([id, color]) => id + color).join(",")}`,
        ignoreSelection: true,
      },
    ),
  );
  return decorations;
}

/**
 * Places the codings and draws them. With `previous` (and unchanged text), only blocks whose codings
 * changed are redrawn: a coding added among five thousand touches one or two blocks, not all.
 */
function build(
  placer: CodingPlacer,
  state: { doc: import("prosemirror-model").Node },
  view: CodingView,
  previous: CodingPluginState | null,
): CodingPluginState {
  const { placed, orphans, index } = placer.place(state.doc);
  const colourOf = (p: PlacedCoding) =>
    view.codes.get(effectiveCodeId(view.codes, p.coding.codeId))?.color ?? "#888888";
  const visible = placed.filter((p) => {
    const code = effectiveCodeId(view.codes, p.coding.codeId);
    return (
      (!view.codeFilter || view.codeFilter.has(code)) &&
      (!view.coderFilter || view.coderFilter.has(p.coding.coderId))
    );
  });
  const byBlock = new Map<number, PlacedCoding[]>();
  for (const p of visible) {
    for (let block = p.blockFrom; block <= p.blockTo; block++) {
      const list = byBlock.get(block);
      if (list) list.push(p);
      else byBlock.set(block, [p]);
    }
  }
  const signatures = new Map<number, Signature>();
  for (const [block, covering] of byBlock) {
    signatures.set(block, { covering, colours: covering.map(colourOf).join(",") });
  }
  const blockDecorations = new Map<number, readonly Decoration[]>();
  const added: Decoration[] = [];
  const removed: Decoration[] = [];
  let block = 0;
  state.doc.forEach((node, offset) => {
    const signature = signatures.get(block);
    const unchanged = previous !== null && sameSignature(previous.signatures.get(block), signature);
    if (unchanged) {
      const kept = previous.blockDecorations.get(block);
      if (kept) blockDecorations.set(block, kept);
    } else {
      const old = previous?.blockDecorations.get(block);
      if (old) removed.push(...old);
      const covering = byBlock.get(block);
      if (covering) {
        const drawn = drawBlock(block, offset, node.nodeSize, covering, colourOf, view);
        blockDecorations.set(block, drawn);
        added.push(...drawn);
      }
    }
    block += 1;
  });
  const decorations = previous
    ? previous.decorations.remove(removed).add(state.doc, added)
    : DecorationSet.create(state.doc, added);
  return { decorations, placed, orphans, view, index, signatures, blockDecorations };
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
      init: (_, state) => build(placer, state, initial, null),
      apply(tr, previous, _old, state) {
        // Changed text moves every position: draw everything afresh.
        if (tr.docChanged) return build(placer, state, previous.view, null);
        const refresh = tr.getMeta(codingPluginKey) as CodingRefresh | undefined;
        if (refresh) return build(placer, state, refresh.view ?? previous.view, previous);
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
