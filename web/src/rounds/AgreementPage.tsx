import type { AgreementFigure, AgreementUnit, RoundAgreement } from "@concord/agreement";
import type { Round } from "@concord/schema";
import { useEffect, useMemo, useState } from "react";
import { Link } from "wouter";
import { api } from "../api/api-client";
import { useProjectDirectory } from "../pages/use-project-directory";
import { AgreementHeatMap, type HeatCell } from "./AgreementHeatMap";
import { agreementCsv } from "./agreement-csv";
import { DisagreementList, type PlacedLayer } from "./DisagreementList";

type Measure = "krippendorffAlpha" | "percent";
const MEASURES: Record<Measure, string> = {
  krippendorffAlpha: "Krippendorff's alpha",
  percent: "Percent agreement",
};
const UNITS: Record<AgreementUnit, string> = {
  turn: "Speaker turn",
  character: "Character",
  transcript: "Whole transcript",
};

/** A value as the tables show it: alpha to three decimals, percent agreement as a percentage. */
const shown = (value: number | null, measure: Measure = "krippendorffAlpha") =>
  value === null ? "–" : measure === "percent" ? `${(value * 100).toFixed(1)} %` : value.toFixed(3);

/** A figure as the tables show it: the value, or why there is none. */
function Figure({ figure, measure }: { figure: AgreementFigure; measure: Measure }) {
  const value = figure[measure];
  if (value !== null) return <>{shown(value, measure)}</>;
  return <span className="undefined-figure">no value: {figure.why ?? "nothing to compare"}</span>;
}

/**
 * A round's agreement dashboard: overall, per code, per coder pair (a heat map and its table) and per
 * transcript, at the unit and with the measure chosen, how uncoded text counts stated beside them;
 * a cell opens the passages where that pair differs. Refreshed every few seconds while the round runs.
 */
export function AgreementPage({ projectId, roundId }: { projectId: string; roundId: string }) {
  const [unit, setUnit] = useState<AgreementUnit>("turn");
  const [measure, setMeasure] = useState<Measure>("krippendorffAlpha");
  const [round, setRound] = useState<Round | null>(null);
  const [result, setResult] = useState<RoundAgreement | null>(null);
  const [layers, setLayers] = useState<readonly PlacedLayer[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const { members, transcripts } = useProjectDirectory(projectId, setProblem);
  const [cell, setCell] = useState<{ codeId: string; coders: readonly [string, string] } | null>(null);
  useEffect(() => {
    let stopped = false;
    const base = `/projects/${projectId}/rounds/${roundId}`;
    const load = async () => {
      try {
        const [a, l] = await Promise.all([
          api<RoundAgreement>("GET", `${base}/agreement?unit=${unit}`),
          api<{ round: Round; layers: PlacedLayer[] }>("GET", `${base}/layers`),
        ]);
        if (stopped) return;
        setResult(a);
        setRound(l.round);
        setLayers(l.layers);
        setProblem(null);
        // A running round (watched under monitor) changes as its coders work.
        if (l.round.status !== "revealed") timer = setTimeout(load, 4000);
      } catch (error) {
        if (!stopped) setProblem((error as Error).message);
      }
    };
    let timer: ReturnType<typeof setTimeout> | undefined;
    void load();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [projectId, roundId, unit]);

  const nameOf = (id: string) => members.find((m) => m.userId === id)?.name ?? "a former member";
  const transcriptName = (id: string) => transcripts.find((t) => t.id === id)?.name ?? "a deleted transcript";
  const pairName = (coders: readonly string[]) => coders.map(nameOf).join(" & ");
  const cells: HeatCell[] = useMemo(
    () =>
      result?.byPair.flatMap((pair) =>
        pair.byCode.map((code) => ({
          code: result.byCode.find((c) => c.codeId === code.codeId)?.name ?? code.codeId,
          pair: pair.coders.map((id) => members.find((m) => m.userId === id)?.name ?? id).join(" & "),
          value: code[measure],
          why: code.why,
          select: () => setCell({ codeId: code.codeId, coders: pair.coders }),
        })),
      ) ?? [],
    [result, measure, members],
  );

  if (problem) {
    return (
      <main className="page">
        <p role="alert">{problem}</p>
        <Link href={`/projects/${projectId}`}>Back to the project</Link>
      </main>
    );
  }
  if (!result || !round) return <main className="page">Computing agreement…</main>;
  const download = () => {
    const blob = new Blob([agreementCsv(result, nameOf)], { type: "text/csv;charset=utf-8" });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = `${round.name} agreement (${result.unit}).csv`;
    link.click();
    URL.revokeObjectURL(link.href);
  };
  return (
    <main className="page wide agreement-page">
      <Link href={`/projects/${projectId}`}>← Back to the project</Link>
      <h2>Agreement in “{round.name}”</h2>
      <p>
        {round.status === "revealed"
          ? "Revealed"
          : "Running, shown to owners under monitor; updates as coders work"}{" "}
        · {round.coderIds.length} coders: {round.coderIds.map(nameOf).join(", ")}
      </p>
      <div className="toolbar">
        <label>
          Unit{" "}
          <select value={unit} onChange={(e) => setUnit(e.target.value as AgreementUnit)}>
            {Object.entries(UNITS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Measure{" "}
          <select value={measure} onChange={(e) => setMeasure(e.target.value as Measure)}>
            {Object.entries(MEASURES).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={download}>
          Export the table as CSV
        </button>
      </div>
      <p className="unit-note" data-unit-note>
        <strong>Unit: {UNITS[result.unit].toLowerCase()}.</strong> {result.uncoded}
      </p>
      <p className="overall" data-overall>
        Overall ({MEASURES[measure]}, all codes):{" "}
        <strong>
          <Figure figure={result.overall} measure={measure} />
        </strong>
        {measure === "krippendorffAlpha" && result.overall.percent !== null && (
          <span className="hint"> · percent agreement {shown(result.overall.percent, "percent")}</span>
        )}
        <span className="hint"> · every code together: each code is a variable of its own, pooled</span>
      </p>
      {result.codersWithoutCodings.length > 0 && (
        <p className="notice" role="status">
          {result.codersWithoutCodings.map(nameOf).join(", ")} applied none of these codes: they count as
          finding none of them anywhere.
        </p>
      )}
      <h3>By code</h3>
      <table className="figures" aria-label="Agreement by code">
        <thead>
          <tr>
            <th scope="col">Code</th>
            <th scope="col">Krippendorff's alpha</th>
            <th scope="col">Percent agreement</th>
            <th scope="col">Units per code</th>
          </tr>
        </thead>
        <tbody>
          {result.byCode.map((code) => (
            <tr key={code.codeId} data-code={code.name}>
              <th scope="row">{code.name}</th>
              <td data-alpha>
                <Figure figure={code} measure="krippendorffAlpha" />
              </td>
              <td data-percent>{shown(code.percent, "percent")}</td>
              <td>{code.units}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>By pair of coders</h3>
      <AgreementHeatMap cells={cells} measure={MEASURES[measure]} />
      <table className="figures" aria-label={`${MEASURES[measure]} by code and pair of coders`}>
        <thead>
          <tr>
            <th scope="col">Code</th>
            {result.byPair.map((pair) => (
              <th scope="col" key={pair.coders.join()}>
                {pairName(pair.coders)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">All codes</th>
            {result.byPair.map((pair) => (
              <td key={pair.coders.join()}>
                <Figure figure={pair} measure={measure} />
              </td>
            ))}
          </tr>
          {result.byCode.map((code) => (
            <tr key={code.codeId}>
              <th scope="row">{code.name}</th>
              {result.byPair.map((pair) => {
                const figure = pair.byCode.find((c) => c.codeId === code.codeId);
                const value = figure ? shown(figure[measure], measure) : "–";
                const why =
                  figure && figure[measure] === null
                    ? ` (no value: ${figure.why ?? "nothing to compare"})`
                    : "";
                return (
                  <td key={pair.coders.join()}>
                    <button
                      type="button"
                      className="link-button"
                      aria-label={`${value}${why}: passages where ${pairName(pair.coders)} differ on ${code.name}`}
                      aria-pressed={cell?.codeId === code.codeId && cell.coders.join() === pair.coders.join()}
                      title={why ? why.slice(2, -1) : undefined}
                      onClick={() => setCell({ codeId: code.codeId, coders: pair.coders })}
                    >
                      {value}
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {cell && (
        <DisagreementList
          projectId={projectId}
          roundId={roundId}
          codeId={cell.codeId}
          codeName={result.byCode.find((c) => c.codeId === cell.codeId)?.name ?? "this code"}
          coders={cell.coders}
          layers={layers}
          nameOf={nameOf}
          transcriptName={transcriptName}
        />
      )}
      <h3>By transcript</h3>
      <table className="figures" aria-label="Agreement by transcript">
        <thead>
          <tr>
            <th scope="col">Transcript</th>
            <th scope="col">{MEASURES[measure]}</th>
          </tr>
        </thead>
        <tbody>
          {result.byTranscript.map((t) => (
            <tr key={t.transcriptId}>
              <th scope="row">{transcriptName(t.transcriptId)}</th>
              <td>
                <Figure figure={t} measure={measure} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
