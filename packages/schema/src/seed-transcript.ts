import { prosemirrorToYXmlFragment } from "y-prosemirror";
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

/**
 * The ProseMirror document for imported blocks. Empty input gives one empty turn, since a document
 * needs a block.
 */
export function seedDocument(blocks: readonly SeedBlock[]) {
  const nodes = blocks.map((block) => {
    const content = block.text ? [transcriptSchema.text(block.text)] : [];
    return block.kind === "turn"
      ? transcriptSchema.nodes.turn.create(
          { speaker: block.speaker, start: block.start ?? null, end: block.end ?? null },
          content,
        )
      : transcriptSchema.nodes.note.create(null, content);
  });
  return transcriptSchema.nodes.doc.create(
    null,
    nodes.length > 0 ? nodes : [transcriptSchema.nodes.turn.create()],
  );
}

/**
 * The Yjs update that creates a transcript's content from imported blocks. The server applies it
 * once, when the transcript is created: a client must never build content from plain text, or two
 * clients would each insert a copy.
 */
export function seedTranscriptUpdate(blocks: readonly SeedBlock[]): Uint8Array {
  const doc = new Y.Doc();
  prosemirrorToYXmlFragment(seedDocument(blocks), transcriptContent(doc));
  return Y.encodeStateAsUpdate(doc);
}
