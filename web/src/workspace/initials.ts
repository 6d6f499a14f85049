/** Titles that are not part of the name an avatar shows: "Dr Rachel Kerr" is RK. */
const TITLES = new Set([
  "dr",
  "prof",
  "professor",
  "mr",
  "mrs",
  "ms",
  "miss",
  "mx",
  "sir",
  "dame",
  "rev",
  "revd",
]);

/** A person's initials: the first letters of their first and last names, titles left out. */
export function initials(name: string): string {
  const words = name
    .split(/\s+/)
    .filter(Boolean)
    .filter((word, i, all) => !(TITLES.has(word.toLowerCase().replace(/\.$/, "")) && i < all.length - 1));
  const picked = words.length > 1 ? [words[0], words.at(-1)] : words;
  return picked.map((word) => [...(word ?? "")][0]?.toUpperCase() ?? "").join("");
}
