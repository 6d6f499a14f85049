import * as Y from "yjs";
import { transcriptContent } from "./transcript-doc";
import { transcriptSchema } from "./transcript-schema";

/** A block to seed a transcript with (an importer's draft block has this shape). */
export type SeedBlock =
  | {
      readonly kind: "turn";
      readonly speaker: string | null;
      readonly text: string;
      readonly start?: number;
      readonly end?: number;
    }
  | { readonly kind: "note"; readonly text: string };

/** The ProseMirror node for one imported block. */
function blockNode(block: SeedBlock) {
  const content = block.text ? [transcriptSchema.text(block.text)] : [];
  return block.kind === "turn"
    ? transcriptSchema.nodes.turn.create(
        { speaker: block.speaker, start: block.start ?? null, end: block.end ?? null },
        content,
      )
    : transcriptSchema.nodes.note.create(null, content);
}

/**
 * The ProseMirror document for imported blocks. Empty input gives one empty turn, since a document
 * needs a block.
 */
export function seedDocument(blocks: readonly SeedBlock[]) {
  const nodes = blocks.map(blockNode);
  return transcriptSchema.nodes.doc.create(
    null,
    nodes.length > 0 ? nodes : [transcriptSchema.nodes.turn.create()],
  );
}

/**
 * The Yjs element y-prosemirror makes for a block's node: the node's attributes that are set, and its
 * text as one run. Built directly, so that a large transcript can be seeded a slice at a time.
 */
function blockElement(block: SeedBlock): Y.XmlElement {
  const node = blockNode(block);
  const element = new Y.XmlElement(node.type.name);
  for (const [key, value] of Object.entries(node.attrs)) {
    if (value !== null) element.setAttribute(key, value as string);
  }
  if (block.text) {
    const text = new Y.XmlText();
    text.insert(0, block.text);
    element.insert(0, [text]);
  }
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
  const all = blocks.length > 0 ? blocks : [{ kind: "turn", speaker: null, text: "" } as const];
  for (let first = 0; first < all.length; ) {
    let end = first;
    for (let chars = 0; end < all.length && (end === first || chars < sliceChars); end++) {
      chars += (all[end] as SeedBlock).text.length + 32;
    }
    const slice = all.slice(first, end).map(blockElement);
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
