import * as Y from "yjs";
import { transcriptContent } from "./transcript-doc";
import { PARAGRAPH_BREAK, transcriptSchema } from "./transcript-schema";

/**
 * A block to seed a transcript with (an importer's draft block has this shape). A turn's `text`
 * holds its paragraphs joined by a newline.
 */
export type SeedBlock =
  | {
      readonly kind: "turn";
      readonly speaker: string | null;
      readonly text: string;
      readonly start?: number;
      readonly end?: number;
    }
  | { readonly kind: "note"; readonly text: string }
  | { readonly kind: "heading"; readonly text: string; readonly level?: number };

/** A turn's paragraphs: its text split at newlines, blank ones left out (at least one, maybe empty). */
export function paragraphsOf(text: string): string[] {
  const paragraphs = text
    .split(PARAGRAPH_BREAK)
    .map((p) => p.trim())
    .filter((p) => p !== "");
  return paragraphs.length > 0 ? paragraphs : [""];
}

/** Text without line breaks, for a block that holds one run of text (a note, a heading). */
const oneLine = (text: string) => text.replace(/\s*\n\s*/g, " ");

const textNodes = (text: string) => (text ? [transcriptSchema.text(text)] : []);

/** The ProseMirror node for one imported block. */
function blockNode(block: SeedBlock) {
  const { nodes } = transcriptSchema;
  switch (block.kind) {
    case "turn":
      return nodes.turn.create(
        { speaker: block.speaker, start: block.start ?? null, end: block.end ?? null },
        paragraphsOf(block.text).map((p) => nodes.paragraph.create(null, textNodes(p))),
      );
    case "note":
      return nodes.note.create(null, textNodes(oneLine(block.text)));
    case "heading":
      return nodes.heading.create({ level: block.level ?? 1 }, textNodes(oneLine(block.text)));
  }
}

/**
 * The ProseMirror document for imported blocks. Empty input gives one empty turn, since a document
 * needs a block.
 */
export function seedDocument(blocks: readonly SeedBlock[]) {
  const nodes = blocks.map(blockNode);
  return transcriptSchema.nodes.doc.create(
    null,
    nodes.length > 0 ? nodes : [blockNode({ kind: "turn", speaker: null, text: "" })],
  );
}

/**
 * The Yjs type y-prosemirror makes for a node: an element with the node's attributes that are set,
 * holding its children, or a text run for text. Built directly, so that a large transcript can be
 * seeded a slice at a time.
 */
function yjsTypeOf(node: import("prosemirror-model").Node): Y.XmlElement | Y.XmlText {
  if (node.isText) {
    const text = new Y.XmlText();
    text.insert(0, node.text ?? "");
    return text;
  }
  const element = new Y.XmlElement(node.type.name);
  for (const [key, value] of Object.entries(node.attrs)) {
    if (value !== null) element.setAttribute(key, value as string);
  }
  const children: (Y.XmlElement | Y.XmlText)[] = [];
  node.forEach((child) => {
    children.push(yjsTypeOf(child));
  });
  if (children.length > 0) element.insert(0, children);
  return element;
}

/**
 * The Yjs updates that create a transcript's content from imported blocks, one per slice of about
 * `sliceChars` characters of text, to be applied in order. The server stores them when the
 * transcript is created: a client must never build content from plain text, or two clients would
 * each insert a copy. Slices let a large import be written without holding the server up.
 */
export function seedTranscriptUpdates(blocks: readonly SeedBlock[], sliceChars = 256 * 1024): Uint8Array[] {
  const doc = new Y.Doc();
  const content = transcriptContent(doc);
  const updates: Uint8Array[] = [];
  doc.on("update", (update: Uint8Array) => updates.push(update));
  const nodes: import("prosemirror-model").Node[] = [];
  seedDocument(blocks).forEach((node) => {
    nodes.push(node);
  });
  for (let first = 0; first < nodes.length; ) {
    let end = first;
    for (let chars = 0; end < nodes.length && (end === first || chars < sliceChars); end++) {
      chars += (nodes[end] as import("prosemirror-model").Node).nodeSize + 32;
    }
    const slice = nodes.slice(first, end).map(yjsTypeOf);
    doc.transact(() => content.insert(content.length, slice));
    first = end;
  }
  doc.destroy();
  return updates;
}

/** The one Yjs update that creates a transcript's content: {@link seedTranscriptUpdates} merged. */
export function seedTranscriptUpdate(blocks: readonly SeedBlock[]): Uint8Array {
  return Y.mergeUpdates(seedTranscriptUpdates(blocks));
}
