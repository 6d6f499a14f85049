/**
 * The one edit that turns `before` into `after`: the characters replaced between their common
 * beginning and end. What a text field's input event did, as a Y.Text can apply it.
 */
export function textEdit(before: string, after: string): { at: number; remove: number; insert: string } {
  let start = 0;
  const shorter = Math.min(before.length, after.length);
  while (start < shorter && before[start] === after[start]) start++;
  let end = 0;
  while (end < shorter - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  return { at: start, remove: before.length - start - end, insert: after.slice(start, after.length - end) };
}
