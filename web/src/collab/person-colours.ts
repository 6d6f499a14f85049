/**
 * Colours for the people of a project: readable on white and under white text (each at least
 * 4.5:1 against white), and far enough apart to tell seven people apart at a glance.
 */
export const PERSON_PALETTE = [
  "#0969da",
  "#cf222e",
  "#1a7f37",
  "#8250df",
  "#9a6700",
  "#bf3989",
  "#0a7285",
  "#953800",
  "#4d2d8c",
  "#116329",
  "#a40e26",
  "#57606a",
] as const;

/**
 * Gives every member of a project a colour of their own: the members in order of their ids take the
 * palette's colours in turn, so every page of the project, whoever views it, agrees, and the first
 * twelve members never share one. Someone who is not a member (yet) gets one by their id.
 */
export function personColours(memberIds: readonly string[]): (userId: string) => string {
  const sorted = [...new Set(memberIds)].sort();
  const byId = new Map(sorted.map((id, i) => [id, PERSON_PALETTE[i % PERSON_PALETTE.length] as string]));
  return (userId) => {
    const known = byId.get(userId);
    if (known) return known;
    let hash = 0;
    for (const char of userId) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) % PERSON_PALETTE.length;
    return PERSON_PALETTE[hash] as string;
  };
}

/** The contrast ratio of two #rrggbb colours, as WCAG 2 defines it. */
export function contrastRatio(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

let current = personColours([]);
let names = new Map<string, string>();

/**
 * The people of the project open in this tab, as the server lists its members: pages set them
 * when they load them, and every avatar, cursor and selection takes a person's colour and name
 * here, never from what a client puts in its presence (anyone could call themselves the lead).
 */
export const projectPeople = {
  setMembers(members: readonly { userId: string; name: string }[]): void {
    current = personColours(members.map((member) => member.userId));
    names = new Map(members.map((member) => [member.userId, member.name]));
  },
  of(userId: string): string {
    return current(userId);
  },
  /** The member's name, or null for someone the page does not know as a member (yet). */
  nameOf(userId: string): string | null {
    return names.get(userId) ?? null;
  },
};

/**
 * How y-prosemirror draws a colleague's cursor and selection in this person's colour: a caret with
 * their name above it, and their selection shaded.
 */
export const cursorLooks = {
  cursorBuilder(user: { id?: unknown; name?: unknown }): HTMLElement {
    const colour = projectPeople.of(String(user.id ?? ""));
    const caret = document.createElement("span");
    caret.className = "ProseMirror-yjs-cursor";
    caret.style.borderColor = colour;
    const label = document.createElement("div");
    label.style.backgroundColor = colour;
    const id = String(user.id ?? "");
    label.textContent = projectPeople.nameOf(id) ?? (typeof user.name === "string" ? user.name : "");
    caret.append(document.createTextNode("\u2060"), label, document.createTextNode("\u2060"));
    return caret;
  },
  selectionBuilder(user: { id?: unknown }) {
    return {
      style: `background-color: ${projectPeople.of(String(user.id ?? ""))}33`,
      class: "ProseMirror-yjs-selection",
    };
  },
};
