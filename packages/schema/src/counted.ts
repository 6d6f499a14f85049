/** "1 speaker", "2 speakers", "1,471 turns": a count with its noun, singular or plural as the count needs. */
export function counted(count: number, singular: string, plural = `${singular}s`): string {
  return `${count.toLocaleString("en-GB")} ${count === 1 ? singular : plural}`;
}
