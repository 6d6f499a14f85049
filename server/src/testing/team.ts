import type { Role } from "@concord/schema";
import type * as Y from "yjs";
import type { ServerConfig } from "../config";
import { connectStockClient, whenSynced } from "./stock-client";
import { createDataDir, startTestServer, type TestServer } from "./test-server";

/** The members of {@link startTeam}'s project. */
export type Person = "owner" | "coder" | "colleague" | "observer";
export const roles: Record<Person, Role> = {
  owner: "owner",
  coder: "coder",
  colleague: "coder",
  observer: "observer",
};

/** A project with a coded transcript, four members with tokens, on a real server. */
/**
 * A real server with a project of four members (an owner, two coders, an observer) with tokens, and
 * a two-turn transcript. `join` connects a stock client as one of them (to the server given, after a
 * restart).
 */
export async function startTeam(dataDir = createDataDir(), overrides: Partial<ServerConfig> = {}) {
  const server = await startTestServer({ dataDir, ...overrides });
  const { services } = server;
  const ids = {} as Record<Person, string>;
  const tokens = {} as Record<Person, string>;
  for (const person of Object.keys(roles) as Person[]) {
    ids[person] = services.users.create({
      email: `${person}@example.org`,
      name: person,
      passwordHash: "!",
    }).id;
    tokens[person] = services.tokens.create(ids[person], "t", Date.now() + 86_400_000).token;
  }
  const project = services.projects.create("Trust", ids.owner);
  for (const person of ["coder", "colleague", "observer"] as const) {
    services.projects.setRole(project.id, ids[person], roles[person]);
  }
  const transcript = services.transcripts.create({
    projectId: project.id,
    name: "Chief Officer 6",
    sourceFormat: "text",
    blocks: [
      { kind: "turn", speaker: "Interviewer", text: "How do you understand co-production?" },
      { kind: "turn", speaker: "Chief Officer", text: "As sharing power with people who use services." },
    ],
    speakers: ["Interviewer", "Chief Officer"],
    turns: 2,
    words: 13,
    createdBy: ids.owner,
  });
  const transcriptRoom = `transcript.${project.id}.${transcript.id}`;
  const projectRoom = `project.${project.id}`;
  const join = async (person: Person, room = transcriptRoom, doc?: Y.Doc, on: TestServer = server) => {
    const client = connectStockClient(on.wsUrl, room, {
      params: { token: tokens[person] },
      ...(doc ? { doc } : {}),
    });
    await whenSynced(client);
    return client;
  };
  return { server, dataDir, ids, tokens, project, transcript, transcriptRoom, projectRoom, join };
}
