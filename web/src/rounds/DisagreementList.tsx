import { disagreementsOf } from "@concord/agreement";
import { Link } from "wouter";

/** A coding of a layer as the server places it. */
export interface LayerCoding {
  readonly id: string;
  readonly codeId: string;
  readonly start: number;
  readonly end: number;
  readonly quote: string;
}

/** One coder's layer of one transcript. */
export interface PlacedLayer {
  readonly transcriptId: string;
  readonly coderId: string;
  readonly codings: readonly LayerCoding[];
}

/**
 * The passages where two coders differ on one code, transcript by transcript, each with both
 * versions and a link that opens the transcript there, with those two layers shown.
 */
export function DisagreementList(props: {
  projectId: string;
  roundId: string;
  codeId: string;
  codeName: string;
  coders: readonly [string, string];
  layers: readonly PlacedLayer[];
  nameOf: (userId: string) => string;
  transcriptName: (id: string) => string;
}) {
  const [a, b] = props.coders;
  const transcripts = [...new Set(props.layers.map((l) => l.transcriptId))];
  const found = transcripts.flatMap((transcriptId) => {
    const of = (coder: string) =>
      props.layers.find((l) => l.transcriptId === transcriptId && l.coderId === coder)?.codings ?? [];
    return disagreementsOf(props.codeId, { [a]: of(a), [b]: of(b) }).map((d) => ({ transcriptId, ...d }));
  });
  return (
    <section aria-labelledby="passages-heading" className="disagreements">
      <h3 id="passages-heading">
        Where {props.nameOf(a)} and {props.nameOf(b)} differ on “{props.codeName}”
      </h3>
      <p className="hint">
        Passages where their codings of the code cover different characters (at the turn unit, a turn both
        gave the code counts as agreed even if their boundaries differ there).
      </p>
      {found.length === 0 && <p className="hint">Nowhere: they coded this code alike.</p>}
      <ol>
        {found.map((d) => (
          <li key={`${d.transcriptId}:${d.start}`} data-passage={`${d.start}-${d.end}`}>
            <strong>{props.transcriptName(d.transcriptId)}</strong>, characters {d.start}–{d.end}{" "}
            <Link
              href={`/projects/${props.projectId}/transcripts/${d.transcriptId}?round=${props.roundId}&coders=${a},${b}&at=${d.start}`}
            >
              Open there
            </Link>
            <dl className="versions">
              {[a, b].map((coder) => (
                <div key={coder}>
                  <dt>{props.nameOf(coder)}</dt>
                  <dd>
                    {(d.versions[coder] ?? []).length === 0
                      ? "did not apply it here"
                      : (d.versions[coder] ?? []).map((c) => (
                          <q key={c.id} title={`characters ${c.start}–${c.end}`}>
                            {c.quote}
                          </q>
                        ))}
                  </dd>
                </div>
              ))}
            </dl>
          </li>
        ))}
      </ol>
    </section>
  );
}
