import { summarise } from "@concord/importers";
import { createCode, formatRoomName, projectCodes, updateCode } from "@concord/schema";
import * as Y from "yjs";
import type { SqliteDatabase } from "../db/database";
import { writeTransaction } from "../db/database";
import { appendUpdateNow } from "../db/sqlite-document-storage";
import type { Project, ProjectStore } from "../projects/project-store";
import type { TranscriptStore } from "../projects/transcript-store";
import { type DemoCode, demoCodebook, demoTranscripts } from "./demo-content";

function addCodes(doc: Y.Doc, codes: readonly DemoCode[], parentId: string | null, userId: string): void {
  for (const code of codes) {
    const id = createCode(doc, { name: code.name, parentId, description: code.description }, userId);
    updateCode(
      doc,
      id,
      { inclusion: code.inclusion ?? "", exclusion: code.exclusion ?? "", example: code.example ?? "" },
      userId,
    );
    addCodes(doc, code.children ?? [], id, userId);
  }
}

/**
 * Creates the demo project for `ownerId`: three short interviews and a starter codebook, all in one
 * transaction. The project is new, so no server has its rooms loaded and their first updates can be
 * written straight to storage.
 */
export function createDemoProject(
  db: SqliteDatabase,
  stores: { projects: ProjectStore; transcripts: TranscriptStore },
  ownerId: string,
): Project {
  return writeTransaction(db, () => {
    const project = stores.projects.create(
      "Demo: co-production in health and social care integration",
      ownerId,
    );
    const codebook = new Y.Doc();
    addCodes(codebook, demoCodebook, null, ownerId);
    if (projectCodes(codebook).size > 0) {
      appendUpdateNow(
        db,
        formatRoomName({ kind: "project", projectId: project.id }),
        Y.encodeStateAsUpdate(codebook),
      );
    }
    for (const transcript of demoTranscripts) {
      const summary = summarise({ format: "text", blocks: transcript.blocks, warnings: [] });
      stores.transcripts.create({
        projectId: project.id,
        name: transcript.name,
        sourceFormat: "text",
        blocks: transcript.blocks,
        ...summary,
        attributes: transcript.attributes,
        createdBy: ownerId,
      });
    }
    return project;
  })();
}
