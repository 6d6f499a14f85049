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

/**
 * Initials for people shown together, told apart: two whose initials are the same ("Olive Owner" and
 * "Obi Observer") show the first two letters of their first names instead ("Ol", "Ob"), and a
 * number if even those are the same.
 */
export function distinctInitials(names: readonly string[]): string[] {
  const plain = names.map(initials);
  const count = (list: readonly string[], value: string) => list.filter((v) => v === value).length;
  const longer = names.map((name, i) => {
    const own = plain[i] ?? "";
    if (count(plain, own) < 2) return own;
    const first = [...(name.trim().split(/\s+/)[0] ?? "")].slice(0, 2).join("");
    return first.charAt(0).toUpperCase() + first.slice(1).toLowerCase();
  });
  return longer.map((value, i) =>
    count(longer, value) < 2
      ? value
      : `${value.charAt(0)}${longer.slice(0, i).filter((v) => v === value).length + 1}`,
  );
}
