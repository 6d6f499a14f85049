import type { CodeEntry } from "@concord/schema";
import { effectiveCodeId } from "@concord/schema";
import { Plugin, PluginKey } from "prosemirror-state";
import { Decoration, DecorationSet } from "prosemirror-view";
import type * as Y from "yjs";
import { type OrphanCoding, type PlacedCoding, placeCodings } from "./coding-ranges";

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
  ydoc: Y.Doc,
  state: { doc: import("prosemirror-model").Node },
  view: CodingView,
): CodingPluginState {
  const { placed, orphans } = placeCodings(ydoc, state.doc);
  const visible = placed.filter((p) => {
    const code = effectiveCodeId(view.codes, p.coding.codeId);
    return (
      (!view.codeFilter || view.codeFilter.has(code)) &&
      (!view.coderFilter || view.coderFilter.has(p.coding.coderId))
    );
  });
  const decorations: Decoration[] = [];
  const stripes = new Map<number, Map<string, string>>();
  for (const p of visible) {
    const codeId = effectiveCodeId(view.codes, p.coding.codeId);
    const code = view.codes.get(codeId);
    const color = code?.color ?? "#888888";
    decorations.push(
      Decoration.inline(
        p.from,
        p.to,
        {
          class: "coding",
          style: `background-color: ${withAlpha(color, 0.22)}`,
          "data-coding": p.id,
          "data-code": codeId,
        },
        { codingId: p.id },
      ),
    );
    for (let block = p.blockFrom; block <= p.blockTo; block++) {
      const codes = stripes.get(block) ?? new Map<string, string>();
      codes.set(codeId, color);
      stripes.set(block, codes);
    }
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
  return new Plugin<CodingPluginState>({
    key: codingPluginKey,
    state: {
      init: (_, state) => build(ydoc, state, initial),
      apply(tr, previous, _old, state) {
        const refresh = tr.getMeta(codingPluginKey) as CodingRefresh | undefined;
        if (refresh) return build(ydoc, state, refresh.view ?? previous.view);
        if (tr.docChanged) return build(ydoc, state, previous.view);
        return previous;
      },
    },
    props: {
      decorations: (state) => codingPluginKey.getState(state)?.decorations ?? DecorationSet.empty,
    },
  });
}
