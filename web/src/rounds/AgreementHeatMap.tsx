import * as Plot from "@observablehq/plot";
import { useEffect, useRef } from "react";

/** One cell of the heat map: a code and a pair of coders, with the chosen measure's value. */
export interface HeatCell {
  readonly code: string;
  readonly pair: string;
  readonly value: number | null;
  /** What selecting the cell opens (the passages where that pair differs on that code). */
  readonly select: () => void;
}

/**
 * Code × pair of coders, coloured by the chosen measure (0 to 1; undefined cells grey), with each
 * value written in its cell, drawn by Observable Plot. Choosing a cell lists its passages; the table
 * below the map holds the same values and does the same for keyboards and screen readers, so the
 * map itself is hidden from assistive technology.
 */
export function AgreementHeatMap({ cells, measure }: { cells: readonly HeatCell[]; measure: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = box.current;
    if (!element || cells.length === 0) return;
    const codes = [...new Set(cells.map((c) => c.code))];
    const pairs = [...new Set(cells.map((c) => c.pair))];
    const chart = Plot.plot({
      width: Math.max(420, 190 + pairs.length * 130),
      height: 90 + codes.length * 38,
      marginLeft: 170,
      style: { fontSize: "13px" },
      marginBottom: 50,
      x: { domain: pairs, label: null, tickRotate: pairs.length > 4 ? -20 : 0 },
      y: { domain: codes, label: null },
      color: {
        type: "linear",
        domain: [0, 1],
        range: ["#fff5eb", "#08519c"],
        clamp: true,
        legend: true,
        label: measure,
      },
      marks: [
        Plot.cell(cells, {
          x: "pair",
          y: "code",
          fill: (d: HeatCell) => (d.value === null ? "#d0d7de" : d.value),
          inset: 1,
        }),
        Plot.text(cells, {
          x: "pair",
          y: "code",
          text: (d: HeatCell) => (d.value === null ? "–" : d.value.toFixed(2)),
          fill: (d: HeatCell) => (d.value !== null && d.value > 0.6 ? "white" : "black"),
        }),
      ],
    });
    // Plot draws one rect per datum, in order: a click on one opens that cell's passages.
    const rects = chart.querySelectorAll("g[aria-label='cell'] rect");
    rects.forEach((rect, i) => {
      (rect as SVGElement).style.cursor = "pointer";
      rect.addEventListener("click", () => cells[i]?.select());
    });
    // The table below holds the same values for keyboards and screen readers: the map is a picture.
    for (const labelled of chart.querySelectorAll("[aria-label]")) labelled.removeAttribute("aria-label");
    chart.setAttribute("aria-hidden", "true");
    element.replaceChildren(chart);
    return () => chart.remove();
  }, [cells, measure]);
  return <div ref={box} className="heat-map" />;
}
