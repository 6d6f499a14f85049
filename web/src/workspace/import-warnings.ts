/**
 * The import's warnings that still hold once the person has renamed speakers in the preview: a
 * warning about a label (the importer quotes labels as “…”) says nothing once that label has been
 * given another name (merged into another speaker's, or left empty as no speaker).
 */
export function warningsStillTrue(
  warnings: readonly string[],
  renames: Readonly<Record<string, string>>,
): string[] {
  const renamed = Object.entries(renames)
    .filter(([label, name]) => name.trim() !== label)
    .map(([label]) => `“${label}”`);
  return warnings.filter((warning) => !renamed.some((quoted) => warning.startsWith(quoted)));
}
