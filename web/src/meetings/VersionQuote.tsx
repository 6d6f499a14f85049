import { useState } from "react";

/** How much of a version is shown before "Show all": a few lines, so the decision stays near. */
const SHOWN = 280;

/**
 * A coder's version of a passage, quoted: a long one shows its first few lines and a button for the
 * rest, so that versions of a long turn do not push the decision far below the passage.
 */
export function VersionQuote({ text, title }: { text: string; title: string }) {
  const [whole, setWhole] = useState(false);
  const chars = [...text];
  if (chars.length <= SHOWN || whole) return <q title={title}>{text}</q>;
  return (
    <>
      <q title={title}>{chars.slice(0, SHOWN).join("").trimEnd()}…</q>{" "}
      <button type="button" className="link-button" onClick={() => setWhole(true)}>
        Show all {chars.length.toLocaleString("en")} characters
      </button>
    </>
  );
}
