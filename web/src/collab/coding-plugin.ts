import type { TranscriptIndex } from "@concord/anchoring";
import type { CodeEntry } from "@concord/schema";
import { effectiveCodeId } from "@concord/schema";
import { type EditorState, Plugin, PluginKey } from "prosemirror-state";
import { Decoration, DecorationSet, type EditorView } from "prosemirror-view";
import { ySyncPluginKey } from "y-prosemirror";
import type * as Y from "yjs";
import { CodingPlacer, type OrphanCoding, type PlacedCoding, type PlacingChange } from "./coding-ranges";
import { HighlightStyles, type Look } from "./highlight-styles";
import { textBlockAt, textBlockLayout } from "./text-blocks";

/** What the highlights show: the codebook (for colours and merges) and the filters. */
export interface CodingView {
  readonly codes: ReadonlyMap<string, CodeEntry>;
  /** Only these codes (effective ids), or all when null. */
  readonly codeFilter: ReadonlySet<string> | null;
  /** Only these coders, or all when null. */
  readonly coderFilter: ReadonlySet<string> | null;
  /** Colour highlights by coder (layers overlaid) instead of by code, when given. */
  readonly coderColours?: ReadonlyMap<string, string> | null;
}

interface CodingPluginState {
  readonly decorations: DecorationSet;
  /** How many codings are placed (drawn or hidden by the filters). */
  readonly count: number;
  readonly orphans: readonly OrphanCoding[];
  readonly view: CodingView;
  /** The canonical text index the codings were placed with: current until the text changes. */
  readonly index: TranscriptIndex;
  /** The visible codings touching each block, in a fixed order (start, then id) so every view agrees. */
  readonly byBlock: ReadonlyMap<number, readonly PlacedCoding[]>;
  /** The colours each block was drawn with, to redraw a block when its codes' colours change. */
  readonly colours: ReadonlyMap<number, string>;
  /** The decorations drawn for each block, to take them out again. */
  readonly blockDecorations: ReadonlyMap<number, readonly Decoration[]>;
  /** Blocks whose highlights are still to be drawn (far from the screen, drawn in idle time). */
  readonly undrawn: ReadonlySet<number>;
}

/**
 * The drawn codings under `head` that also overlap the selection [from, to), found through the
 * blocks around `head` rather than among every coding.
 */
export function codingsAt(state: EditorState, from: number, to: number, head: number): PlacedCoding[] {
  const byBlock = codingPluginKey.getState(state)?.byBlock;
  if (!byBlock) return [];
  const { block } = textBlockAt(state.doc, head);
  const near = new Set([...(byBlock.get(block - 1) ?? []), ...(byBlock.get(block) ?? [])]);
  return [...near].filter(
    (p) => p.from <= head && p.to >= head && (from === to || (p.from < to && p.to > from)),
  );
}

/** The plugin's key: read its state for the placed codings, dispatch `refresh` to redraw. */
export const codingPluginKey = new PluginKey<CodingPluginState>("concord-codings");

/** Transaction meta that asks for a redraw, optionally with a new {@link CodingView}. */
export interface CodingRefresh {
  readonly view?: CodingView;
  /** Only these codings changed (ids), so only they need placing again. */
  readonly changed?: ReadonlySet<string>;
  /** Draw the next blocks still waiting to be drawn, instead. */
  readonly drawMore?: boolean;
  /** The text changed here and Yjs now has it: place and draw everything afresh. */
  readonly textChanged?: boolean;
}

/** Above this many blocks to draw at once, draw those near the screen first and the rest in idle time. */
const DRAW_AT_ONCE = 150;
/** How many waiting blocks one idle step draws. */
const DRAW_STEP = 40;
/** How many blocks above and below the screen are drawn with it (the rest follow in idle time). */
const DRAW_AROUND_SCREEN = 12;

function inDrawingOrder(a: PlacedCoding, b: PlacedCoding): number {
  return a.start - b.start || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** How one block is drawn, for a given look of the codebook. */
interface Painter {
  readonly view: CodingView;
  readonly styles: HighlightStyles;
  /** Drawing a whole transcript: new looks get their classes at once (see {@link HighlightStyles}). */
  readonly whole: boolean;
  readonly colourOf: (p: PlacedCoding) => string;
  readonly visible: (p: PlacedCoding) => boolean;
}

function painterFor(view: CodingView, styles: HighlightStyles, whole: boolean): Painter {
  return {
    view,
    styles,
    whole,
    colourOf: view.coderColours
      ? (p) => view.coderColours?.get(p.coding.coderId) ?? "#888888"
      : (p) => view.codes.get(effectiveCodeId(view.codes, p.coding.codeId))?.color ?? "#888888",
    visible: (p) => {
      const code = effectiveCodeId(view.codes, p.coding.codeId);
      return (
        (!view.codeFilter || view.codeFilter.has(code)) &&
        (!view.coderFilter || view.coderFilter.has(p.coding.coderId))
      );
    },
  };
}

function lookAttributes(look: Look, here: readonly PlacedCoding[]): Record<string, string> {
  const codings = here.map((p) => p.id).join(" ");
  // What a meeting decided (or took as agreed by every coder) is underlined apart from live codings.
  const kind = here.some((p) => p.coding.decisionId !== undefined) ? "coding decided" : "coding";
  return "class" in look
    ? { class: `${kind} ${look.class}`, "data-codings": codings }
    : { class: kind, style: look.style, "data-codings": codings };
}

/** The highlights and the margin stripes of one block, from the codings that touch it. */
function drawBlock(
  block: number,
  offset: number,
  size: number,
  covering: readonly PlacedCoding[],
  painter: Painter,
): Decoration[] {
  const { view, colourOf } = painter;
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
    const here = covering.filter((p) => active.has(p));
    const colours = [...new Set(here.map(colourOf))];
    decorations.push(
      Decoration.inline(from, to, lookAttributes(painter.styles.lookFor(colours, painter.whole), here), {
        codings: here.map((p) => p.id),
      }),
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

type Doc = import("prosemirror-model").Node;

/**
 * Places every coding and draws them. With `previous`, only blocks whose codings or colours differ
 * from what was drawn are drawn again.
 */
function build(
  placer: CodingPlacer,
  styles: HighlightStyles,
  doc: Doc,
  view: CodingView,
  previous: CodingPluginState | null,
  /** Blocks on screen now (first and last), or null when unknown. */
  onScreen: readonly [number, number] | null = null,
): CodingPluginState {
  const { placed, orphans, index } = placer.place(doc);
  const painter = painterFor(view, styles, previous === null);
  const lists = new Map<number, PlacedCoding[]>();
  for (const p of placed) {
    if (!painter.visible(p)) continue;
    for (let block = p.blockFrom; block <= p.blockTo; block++) {
      const list = lists.get(block);
      if (list) list.push(p);
      else lists.set(block, [p]);
    }
  }
  const byBlock = new Map<number, readonly PlacedCoding[]>();
  for (const [block, list] of lists) byBlock.set(block, list.sort(inDrawingOrder));
  // Redraw a block when its codings or their colours differ from what it was drawn with.
  const touched = new Set<number>();
  const colours = new Map<number, string>();
  for (const block of new Set([...byBlock.keys(), ...(previous?.byBlock.keys() ?? [])])) {
    const covering = byBlock.get(block);
    const look = covering?.map(painter.colourOf).join(",") ?? "";
    colours.set(block, look);
    const before = previous?.byBlock.get(block);
    const same =
      previous !== null &&
      previous.index === index &&
      previous.colours.get(block) === look &&
      before?.length === covering?.length &&
      (before ?? []).every((p, i) => p === covering?.[i]);
    if (!same) touched.add(block);
  }
  const undrawn = new Set(previous?.index === index ? previous.undrawn : undefined);
  for (const block of touched) undrawn.delete(block);
  // A whole transcript to draw (on opening, or after a correction of its text): the blocks near the
  // screen now, the others in idle time, so the text can be read and coded at once.
  if (previous === null && touched.size > DRAW_AT_ONCE) {
    const [first, last] = onScreen ?? [0, 0];
    for (const block of touched) {
      if (block < first - DRAW_AROUND_SCREEN || block > last + DRAW_AROUND_SCREEN) {
        touched.delete(block);
        if (byBlock.has(block)) undrawn.add(block);
      }
    }
  }
  const placing = { count: placed.length, orphans, view, index, byBlock, colours };
  return draw(doc, painter, placing, previous, touched, undrawn, false);
}

/**
 * Draws again after some codings changed, given where each was and is now: only the blocks they
 * touch are looked at, so a coding added among five thousand costs its block, not a walk over all.
 */
function rebuild(
  doc: Doc,
  styles: HighlightStyles,
  previous: CodingPluginState,
  changes: readonly PlacingChange[],
  placer: CodingPlacer,
): CodingPluginState {
  const painter = painterFor(previous.view, styles, false);
  const gone = new Set<PlacedCoding>();
  const touched = new Set<number>();
  let count = previous.count;
  for (const { before, after } of changes) {
    if (before) {
      gone.add(before);
      count -= 1;
      for (let block = before.blockFrom; block <= before.blockTo; block++) touched.add(block);
    }
    if (after) {
      count += 1;
      for (let block = after.blockFrom; block <= after.blockTo; block++) touched.add(block);
    }
  }
  const byBlock = new Map(previous.byBlock);
  for (const block of touched) {
    const covering = (byBlock.get(block) ?? []).filter((p) => !gone.has(p));
    for (const { after } of changes)
      if (after && after.blockFrom <= block && block <= after.blockTo && painter.visible(after))
        covering.push(after);
    covering.sort(inDrawingOrder);
    if (covering.length > 0) byBlock.set(block, covering);
    else byBlock.delete(block);
  }
  const undrawn = new Set(previous.undrawn);
  for (const block of touched) undrawn.delete(block);
  const orphans = changes.some((c) => c.orphansChanged) ? placer.orphans() : previous.orphans;
  const placing = { ...previous, count, orphans, byBlock, colours: new Map(previous.colours) };
  return draw(doc, painter, placing, previous, touched, undrawn, true);
}

/** Draws the `touched` blocks' highlights anew, keeping every other block's as drawn before. */
function draw(
  doc: Doc,
  painter: Painter,
  placing: Omit<CodingPluginState, "decorations" | "blockDecorations" | "undrawn">,
  previous: CodingPluginState | null,
  touched: ReadonlySet<number>,
  undrawn: ReadonlySet<number>,
  incremental: boolean,
): CodingPluginState {
  const { index, byBlock, colours } = placing;
  const { starts: offsets, sizes } = textBlockLayout(doc);
  const blockDecorations = new Map(previous?.index === index ? previous.blockDecorations : undefined);
  const added: Decoration[] = [];
  const removed: Decoration[] = [];
  for (const block of touched) {
    const old = blockDecorations.get(block);
    if (old) removed.push(...old);
    blockDecorations.delete(block);
    const covering = byBlock.get(block);
    const offset = offsets[block];
    const size = sizes[block];
    if (!covering || offset === undefined || size === undefined) continue;
    if (incremental) (colours as Map<number, string>).set(block, covering.map(painter.colourOf).join(","));
    const drawn = drawBlock(block, offset, size, covering, painter);
    blockDecorations.set(block, drawn);
    added.push(...drawn);
  }
  const decorations =
    previous && previous.index === index
      ? previous.decorations.remove(removed).add(doc, added)
      : DecorationSet.create(doc, added);
  return { ...placing, decorations, blockDecorations, undrawn };
}

/** Draws the next waiting blocks, nearest the screen (or, when that is unknown, the start) first. */
function drawMore(
  doc: Doc,
  styles: HighlightStyles,
  previous: CodingPluginState,
  onScreen: readonly [number, number] | null,
): CodingPluginState {
  const [first, last] = onScreen ?? [0, 0];
  const distance = (block: number) => (block < first ? first - block : block > last ? block - last : 0);
  const next = [...previous.undrawn].sort((a, b) => distance(a) - distance(b) || a - b).slice(0, DRAW_STEP);
  const undrawn = new Set(previous.undrawn);
  for (const block of next) undrawn.delete(block);
  const { decorations: _d, blockDecorations: _b, undrawn: _u, ...placing } = previous;
  return draw(doc, painterFor(previous.view, styles, true), placing, previous, new Set(next), undrawn, true);
}

/**
 * Draws codings as highlights and margin stripes. Codings live outside the text (in the
 * transcript document's `codings` map), so this plugin re-places them whenever the content or
 * the codings change, rather than mapping old decorations through y-prosemirror's whole-document
 * replacements, which would drop them all.
 */
export function codingPlugin(
  ydoc: Y.Doc,
  initial: CodingView,
  codingDocs: readonly Y.Doc[] = [ydoc],
): Plugin<CodingPluginState> {
  const placer = new CodingPlacer(ydoc, codingDocs);
  const styles = new HighlightStyles();
  let editor: EditorView | null = null;
  let idle: number | null = null;
  /** The first and last blocks on screen, from the editor's scrolling frame. */
  const onScreen = (): [number, number] | null => {
    const frame = editor?.dom.parentElement?.getBoundingClientRect();
    if (!editor || !frame || frame.height === 0) return null;
    const at = (top: number) => {
      const found = editor?.posAtCoords({ left: frame.left + frame.width / 2, top });
      return found && editor ? textBlockAt(editor.state.doc, found.pos).block : null;
    };
    const first = at(frame.top + 2);
    const last = at(frame.bottom - 2);
    return first === null ? null : [first, last ?? first + 40];
  };
  /** Blocks far from the screen are drawn a step at a time while the browser has nothing to do. */
  const drawLater = (view: EditorView) => {
    if (!codingPluginKey.getState(view.state)?.undrawn.size || idle !== null) return;
    idle = requestIdleCallback(
      () => {
        idle = null;
        view.dispatch(view.state.tr.setMeta(codingPluginKey, { drawMore: true } satisfies CodingRefresh));
      },
      { timeout: 500 },
    );
  };
  return new Plugin<CodingPluginState>({
    key: codingPluginKey,
    state: {
      init: (_, state) => build(placer, styles, state.doc, initial, null),
      apply(tr, previous, _old, state) {
        // Changed text moves every position: draw everything afresh.
        if (tr.docChanged) {
          // A correction typed here reaches Yjs only after this (y-prosemirror writes it from its
          // view), so anchors cannot be placed on it yet: move the highlights with the typing, and
          // the editor asks for a full placing once Yjs has the new text.
          const fromYjs = (tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined)
            ?.isChangeOrigin;
          if (!fromYjs) return { ...previous, decorations: previous.decorations.map(tr.mapping, tr.doc) };
          return build(placer, styles, state.doc, previous.view, null, onScreen());
        }
        const refresh = tr.getMeta(codingPluginKey) as CodingRefresh | undefined;
        if (refresh?.drawMore) return drawMore(state.doc, styles, previous, onScreen());
        if (refresh?.textChanged) return build(placer, styles, state.doc, previous.view, null, onScreen());
        if (refresh) {
          if (refresh.changed && !refresh.view) {
            const changes = placer.update(refresh.changed);
            if (changes) return rebuild(state.doc, styles, previous, changes, placer);
          }
          return build(placer, styles, state.doc, refresh.view ?? previous.view, previous);
        }
        return previous;
      },
    },
    view: (view) => {
      editor = view;
      // The content may have been drawn before this view existed (y-prosemirror renders a loaded
      // document while the editor is being built), so what is left is scheduled here too.
      if (codingPluginKey.getState(view.state)?.count) performance.mark("concord:highlights-drawn");
      drawLater(view);
      return {
        update: (view, previous) => {
          const before = codingPluginKey.getState(previous);
          const now = codingPluginKey.getState(view.state);
          if (!before?.count && now?.count) performance.mark("concord:highlights-drawn");
          if (before?.undrawn.size && !now?.undrawn.size) performance.mark("concord:all-highlights-drawn");
          drawLater(view);
        },
        destroy: () => {
          if (idle !== null) cancelIdleCallback(idle);
          editor = null;
          placer.destroy();
          styles.destroy();
        },
      };
    },
    props: {
      decorations: (state) => codingPluginKey.getState(state)?.decorations ?? DecorationSet.empty,
      // Counts on the editor element, for people's tools and for tests that compare views.
      attributes: (state): Record<string, string> => {
        const current = codingPluginKey.getState(state);
        return {
          "data-placed": String(current?.count ?? 0),
          "data-orphans": String(current?.orphans.length ?? 0),
          "data-drawn": current?.undrawn.size ? "partly" : "all",
        };
      },
    },
  });
}
