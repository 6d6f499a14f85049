import mammoth from "mammoth";

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", nbsp: " " };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (entity, name: string) => {
    if (name.startsWith("#x") || name.startsWith("#X"))
      return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith("#") && name !== "#39") return String.fromCodePoint(Number(name.slice(1)));
    return ENTITIES[name] ?? entity;
  });
}

/**
 * The text of a Word document as paragraphs, in reading order: body paragraphs and headings (with their level), list
 * items and each table cell as its own paragraph; footnotes and endnotes apart, numbered as their
 * references in the text. mammoth writes simple, well-formed HTML, which is all this takes apart.
 */
export async function docxParagraphs(
  bytes: Uint8Array,
): Promise<{ body: { text: string; heading?: number }[]; notes: string[] }> {
  const arrayBuffer = bytes.buffer.slice(
    bytes.byteOffset,
    bytes.byteOffset + bytes.byteLength,
  ) as ArrayBuffer;
  // mammoth's browser build reads `arrayBuffer`, its Node build `buffer` (any Uint8Array will do).
  const input = { arrayBuffer, buffer: bytes } as unknown as { arrayBuffer: ArrayBuffer };
  const { value: html } = await mammoth.convertToHtml(input, { ignoreEmptyParagraphs: true });
  const withoutNoise = html
    .replace(/<img[^>]*>/g, "")
    // Back-links from a note to its reference: "↑".
    .replace(/<a href="#(?:foot|end)note-ref-[^"]*">[^<]*<\/a>/g, "")
    // A note reference in the text, "[1]", stays as written.
    .replace(/<sup>\s*<a href="#(?:foot|end)note-[^"]*" id="[^"]*">(\[\d+\])<\/a>\s*<\/sup>/g, "$1");
  const body: { text: string; heading?: number }[] = [];
  const notes: string[] = [];
  for (const block of withoutNoise.split(/<\/(?:p|h[1-6]|li|td|th)>/)) {
    const isNote = /<li id="(?:foot|end)note-/.test(block);
    // mammoth writes Word's Heading 1–6 styles as <h1>–<h6>, and the Title style as <h1> too.
    const heading = /<h([1-6])>(?![\s\S]*<(?:p|li|td|th)[ >])/.exec(block);
    const text = decodeEntities(block.replace(/<[^>]+>/g, ""))
      .replace(/\s+/g, " ")
      .trim();
    if (!text) continue;
    if (isNote) notes.push(`[${notes.length + 1}] ${text}`);
    else body.push(heading ? { text, heading: Math.min(3, Number(heading[1])) } : { text });
  }
  return { body, notes };
}
