import type { AgreementFigure, RoundAgreement } from "@concord/agreement";

/** One field of a CSV row, quoted when it holds a comma, a quote or a line break (RFC 4180). */
function field(value: string | number | null): string {
  const text = value === null ? "" : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The dashboard's table as CSV: one row per code and pair of coders (and one per code for all
 * coders), with the unit, both measures, how many units, and why a value is undefined. Names come
 * from `nameOf`; an undefined value is an empty field.
 */
export function agreementCsv(result: RoundAgreement, nameOf: (userId: string) => string): string {
  const rows: (string | number | null)[][] = [
    [
      "unit",
      "code",
      "coder A",
      "coder B",
      "krippendorff_alpha",
      "percent_agreement",
      "units",
      "undefined_because",
    ],
  ];
  const row = (code: string, a: string, b: string, figure: AgreementFigure) =>
    rows.push([result.unit, code, a, b, figure.krippendorffAlpha, figure.percent, figure.units, figure.why]);
  row("(all codes)", "(all coders)", "", result.overall);
  for (const code of result.byCode) row(code.name, "(all coders)", "", code);
  for (const pair of result.byPair) {
    const [a, b] = pair.coders;
    row("(all codes)", nameOf(a), nameOf(b), pair);
    for (const code of pair.byCode) {
      row(
        result.byCode.find((c) => c.codeId === code.codeId)?.name ?? code.codeId,
        nameOf(a),
        nameOf(b),
        code,
      );
    }
  }
  return `${rows.map((r) => r.map(field).join(",")).join("\r\n")}\r\n`;
}
