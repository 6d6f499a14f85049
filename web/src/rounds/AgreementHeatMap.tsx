import * as Plot from "@observablehq/plot";
import { useEffect, useRef } from "react";

/** One cell of the heat map: a code and a pair of coders, with the chosen measure's value. */
export interface HeatCell {
  readonly code: string;
  readonly pair: string;
  readonly value: number | null;
  /** Why there is no value, when there is none. */
  readonly why: string | null;
  /** What selecting the cell opens (the passages where that pair differs on that code). */
  readonly select: () => void;
}

const LOW = [255, 245, 235];
const HIGH = [8, 81, 156];
const UNDEFINED = "#d0d7de";
/** The most characters of a code's name the map's axis shows. */
const LABEL = 34;

/** The left margin for names of `characters` characters at the map's 13 px type. */
function marginFor(characters: number): number {
  return Math.max(80, Math.min(260, Math.round(characters * 7.2) + 16));
}

/** The cell's colour: from pale (0 or below) to deep blue (1), grey when there is no value. */
function colourOf(value: number | null): string {
  if (value === null) return UNDEFINED;
  const t = Math.max(0, Math.min(1, value));
  const [r, g, b] = LOW.map((low, i) => Math.round(low + ((HIGH[i] as number) - low) * t)) as [
    number,
    number,
    number,
  ];
  return `rgb(${r}, ${g}, ${b})`;
}

/**
 * Code × pair of coders, coloured by the chosen measure (0 or below pale, 1 deep blue; grey where
 * there is no value), with each value written in its cell, drawn by Observable Plot. Every cell is
 * drawn with its own colour, so the drawn cells stay in the data's order and a click opens its
 * own cell's passages. The table below holds the same values for keyboards and screen readers, so
 * the map is hidden from assistive technology.
 */
export function AgreementHeatMap({ cells, measure }: { cells: readonly HeatCell[]; measure: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = box.current;
    if (!element || cells.length === 0) return;
    const codes = [...new Set(cells.map((c) => c.code))];
    const pairs = [...new Set(cells.map((c) => c.pair))];
    const rotate = pairs.length > 2;
    // Room for the codes' names, up to a point: a longer one is cut, and whole in its cell's title.
    const label = (code: string) =>
      [...code].length > LABEL
        ? `${[...code]
            .slice(0, LABEL - 1)
            .join("")
            .trimEnd()}…`
        : code;
    const longest = Math.max(...codes.map((code) => [...label(code)].length));
    const chart = Plot.plot({
      width: Math.max(420, marginFor(longest) + 20 + pairs.length * 140),
      height: (rotate ? 130 : 70) + codes.length * 38,
      marginLeft: marginFor(longest),
      marginBottom: rotate ? 100 : 40,
      style: { fontSize: "13px" },
      x: { domain: pairs, label: null, tickRotate: rotate ? -30 : 0 },
      y: { domain: codes, label: null, tickFormat: label },
      marks: [
        Plot.cell(cells, {
          x: "pair",
          y: "code",
          fill: (d: HeatCell) => colourOf(d.value),
          inset: 1,
          title: (d: HeatCell) =>
            `${d.code}, ${d.pair}: ${d.value === null ? `no value (${d.why ?? "nothing to compare"})` : d.value.toFixed(3)}`,
        }),
        Plot.text(cells, {
          x: "pair",
          y: "code",
          // As the table writes it: -0.003 is not "-0.00".
          text: (d: HeatCell) => (d.value === null ? "–" : d.value.toFixed(3)),
          fill: (d: HeatCell) => (d.value !== null && d.value > 0.6 ? "white" : "black"),
          pointerEvents: "none",
        }),
      ],
    });
    const rects = chart.querySelectorAll("g[aria-label='cell'] rect");
    rects.forEach((rect, i) => {
      (rect as SVGElement).style.cursor = "pointer";
      rect.addEventListener("click", () => cells[i]?.select());
    });
    for (const labelled of chart.querySelectorAll("[aria-label]")) labelled.removeAttribute("aria-label");
    chart.setAttribute("aria-hidden", "true");
    element.replaceChildren(chart);
    return () => chart.remove();
  }, [cells]);
  return (
    <figure className="heat-map-figure">
      <div ref={box} className="heat-map" />
      <figcaption className="hint" aria-hidden="true">
        <span
          className="heat-key"
          style={{ background: `linear-gradient(to right, ${colourOf(0)}, ${colourOf(1)})` }}
        />{" "}
        {measure}: pale 0 or below, deep blue 1; grey: no value. Choose a cell, or a value in the table below,
        for the passages where that pair differs.
      </figcaption>
    </figure>
  );
}
