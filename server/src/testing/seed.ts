import { createTokenStore } from "../accounts/token-store";
import { createUserStore } from "../accounts/user-store";
import { openDatabase } from "../db/database";
import { createProjectStore } from "../projects/project-store";
import { createTranscriptStore } from "../projects/transcript-store";

/** A user with a project and a personal API token, written straight into a data folder. */
export interface SeededProject {
  readonly userId: string;
  readonly projectId: string;
  /** An empty transcript of the project, so its room exists. */
  readonly transcriptId: string;
  /** Pass as the stock provider's `params: { token }`. */
  readonly token: string;
}

/**
 * Creates an owner, a project and a token in `dataDir` before a server process starts on it. The
 * password hash is a placeholder: this account signs in with its token only.
 */
export function seedProject(dataDir: string, email = "owner@example.org"): SeededProject {
  const db = openDatabase({ dataDir, synchronous: "NORMAL" });
  try {
    const user = createUserStore(db).create({ email, name: "Seeded Owner", passwordHash: "!" });
    const project = createProjectStore(db).create("Seeded project", user.id);
    const { token } = createTokenStore(db).create(user.id, "test", Date.now() + 24 * 60 * 60 * 1000);
    const transcript = createTranscriptStore(db).create({
      projectId: project.id,
      name: "Seeded transcript",
      sourceFormat: "text",
      blocks: [{ kind: "turn", speaker: "Interviewer", text: "Seeded." }],
      speakers: ["Interviewer"],
      turns: 1,
      words: 1,
      createdBy: user.id,
    });
    return { userId: user.id, projectId: project.id, transcriptId: transcript.id, token };
  } finally {
    db.close();
  }
}
