import { readFileSync } from "node:fs";
import { importTranscript } from "@concord/importers";

/** A signed-in person, by their session cookie. */
export interface Member {
  /** The member's user id (the `coderId` of their codings). */
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly cookie: string;
}

/** A project with a transcript and a team, set up through the public API as a lead would. */
export interface Team {
  /** The lead's user id. */
  readonly leadId: string;
  readonly projectId: string;
  readonly transcriptId: string;
  readonly members: readonly Member[];
  /** A personal API token of the lead, for checking the server's state from outside a browser. */
  readonly token: string;
}

const PASSWORD = "a long enough passphrase";

async function call(baseUrl: string, method: string, path: string, body: unknown, cookie?: string) {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      "content-type": "application/json",
      origin: baseUrl,
      ...(cookie ? { cookie: `concord_session=${cookie}` } : {}),
    },
    body: body === undefined ? null : JSON.stringify(body),
  });
  const json = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
  const cookieHeader = response.headers.get("set-cookie");
  return { json, cookie: cookieHeader ? /concord_session=([^;]+)/.exec(cookieHeader)?.[1] : undefined };
}

/**
 * Signs up a lead and `coders` colleagues (through an invite link), creates a project and imports
 * `transcriptPath` (a file from the shared fixtures) into it.
 */
export async function createTeam(baseUrl: string, coders: number, transcriptPath: string): Promise<Team> {
  const lead = await call(baseUrl, "POST", "/api/auth/sign-up", {
    name: "Lead Researcher",
    email: "lead@example.org",
    password: PASSWORD,
  });
  const leadCookie = lead.cookie as string;
  const project = await call(
    baseUrl,
    "POST",
    "/api/projects",
    { name: "Co-production in integration" },
    leadCookie,
  );
  const projectId = (project.json.project as { id: string }).id;
  const invite = await call(
    baseUrl,
    "POST",
    `/api/projects/${projectId}/invites`,
    { role: "coder", expiresInDays: 1 },
    leadCookie,
  );
  const userId = (answer: { json: Record<string, unknown> }) => (answer.json.user as { id: string }).id;
  const members: Member[] = [
    { id: userId(lead), name: "Lead Researcher", email: "lead@example.org", cookie: leadCookie },
  ];
  for (let i = 1; i <= coders; i++) {
    const email = `coder${i}@example.org`;
    const name = `Coder ${i}`;
    const signedUp = await call(baseUrl, "POST", "/api/auth/sign-up", {
      name,
      email,
      password: PASSWORD,
      invite: invite.json.token,
    });
    members.push({ id: userId(signedUp), name, email, cookie: signedUp.cookie as string });
  }
  const draft = await importTranscript({ name: transcriptPath, bytes: readFileSync(transcriptPath) });
  const transcript = await call(
    baseUrl,
    "POST",
    `/api/projects/${projectId}/transcripts`,
    { name: "Participant 1", sourceFormat: draft.format, blocks: draft.blocks },
    leadCookie,
  );
  const token = await call(
    baseUrl,
    "POST",
    "/api/tokens",
    { name: "e2e check", expiresInDays: 1 },
    leadCookie,
  );
  return {
    leadId: userId(lead),
    projectId,
    transcriptId: (transcript.json.transcript as { id: string }).id,
    members,
    token: token.json.token as string,
  };
}

/** A personal API token for `member`, for a script of theirs (the stock client writes as them). */
export async function tokenFor(baseUrl: string, member: Member): Promise<string> {
  const created = await call(
    baseUrl,
    "POST",
    "/api/tokens",
    { name: "script", expiresInDays: 1 },
    member.cookie,
  );
  return created.json.token as string;
}
