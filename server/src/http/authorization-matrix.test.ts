import { applyCode } from "@concord/anchoring";
import { reply, startThread } from "@concord/discussion";
import { createCode, forEachCoding, listCodes, memoFragment } from "@concord/schema";
import { CloseCode } from "@concord/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { hashPassword } from "../accounts/passwords";
import { createSqliteDocumentStorage } from "../db/sqlite-document-storage";
import { roundAgenda } from "../projects/round-agenda";
import {
  connectStockClient,
  createApiClient,
  eventually,
  startTestServer,
  type TestServer,
  whenSynced,
} from "../testing";

/**
 * One table decides who may use every API route and every room kind. A route the server serves
 * without a row here fails the first test, so no route can ship unexamined.
 */
type Actor = "anonymous" | "observer" | "coder" | "owner" | "outsider";
const actors: readonly Actor[] = ["anonymous", "observer", "coder", "owner", "outsider"];
type Verdict = "allow" | "deny";

interface RouteRow {
  readonly method: string;
  readonly path: string;
  readonly expect: Record<Actor, Verdict>;
  readonly body?: (fixture: Fixture, actor: Actor) => unknown;
  /** Which of the fixture's rounds `:roundId` names (the open one if not said). */
  readonly round?: "closed" | "revealed" | "monitored";
}

const everyone: Record<Actor, Verdict> = {
  anonymous: "allow",
  observer: "allow",
  coder: "allow",
  owner: "allow",
  outsider: "allow",
};
const signedIn: Record<Actor, Verdict> = { ...everyone, anonymous: "deny" };
const members: Record<Actor, Verdict> = { ...signedIn, outsider: "deny" };
const coders: Record<Actor, Verdict> = {
  anonymous: "deny",
  observer: "deny",
  coder: "allow",
  owner: "allow",
  outsider: "deny",
};
const owners: Record<Actor, Verdict> = {
  anonymous: "deny",
  observer: "deny",
  coder: "deny",
  owner: "allow",
  outsider: "deny",
};

const PASSWORD = "matrix test passphrase";
/** The code of the fixture's coding in the revealed round (what the meeting's agenda is about). */
const FIXTURE_CODE = "fixtureCode";
/** The name of the code every fixture's codebook holds (left out when a room's text is read back). */
const FIXTURE_CODE_NAME = "Fixture code";
const PASSAGE = { start: "AA==", end: "AA==", quote: { prefix: "", exact: "co-production", suffix: "" } };

const routeTable: readonly RouteRow[] = [
  { method: "GET", path: "/api/auth/signup-mode", expect: everyone },
  {
    method: "POST",
    path: "/api/auth/sign-up",
    expect: everyone,
    body: (f, actor) => ({
      name: "New",
      email: `new-${actor}-${f.project}@example.org`,
      password: PASSWORD,
      invite: f.inviteToken,
    }),
  },
  {
    method: "POST",
    path: "/api/auth/sign-in",
    expect: everyone,
    body: () => ({ email: "owner@example.org", password: PASSWORD }),
  },
  { method: "POST", path: "/api/auth/sign-out", expect: everyone },
  { method: "GET", path: "/api/auth/me", expect: signedIn },
  { method: "GET", path: "/api/auth/session", expect: everyone },
  {
    method: "POST",
    path: "/api/auth/password",
    expect: signedIn,
    body: () => ({ currentPassword: PASSWORD, newPassword: PASSWORD }),
  },
  { method: "GET", path: "/api/tokens", expect: signedIn },
  {
    method: "POST",
    path: "/api/tokens",
    expect: signedIn,
    body: () => ({ name: "script", expiresInDays: 1 }),
  },
  { method: "DELETE", path: "/api/tokens/:tokenId", expect: signedIn },
  { method: "GET", path: "/api/projects", expect: signedIn },
  { method: "POST", path: "/api/projects", expect: signedIn, body: () => ({ name: "Another study" }) },
  { method: "GET", path: "/api/projects/:projectId", expect: members },
  { method: "PATCH", path: "/api/projects/:projectId", expect: owners, body: () => ({ name: "Renamed" }) },
  { method: "GET", path: "/api/projects/:projectId/members", expect: members },
  {
    method: "POST",
    path: "/api/projects/:projectId/members",
    expect: owners,
    body: () => ({ email: "spare@example.org", role: "coder" }),
  },
  {
    method: "PATCH",
    path: "/api/projects/:projectId/members/:userId",
    expect: owners,
    body: () => ({ role: "coder" }),
  },
  // The target is the observer, who may leave on their own; only owners remove others.
  {
    method: "DELETE",
    path: "/api/projects/:projectId/members/:userId",
    expect: { ...owners, observer: "allow" },
  },
  { method: "GET", path: "/api/projects/:projectId/invites", expect: owners },
  {
    method: "POST",
    path: "/api/projects/:projectId/invites",
    expect: owners,
    body: () => ({ role: "observer", expiresInDays: 3 }),
  },
  { method: "DELETE", path: "/api/projects/:projectId/invites/:inviteId", expect: owners },
  { method: "GET", path: "/api/projects/:projectId/offers", expect: owners },
  { method: "DELETE", path: "/api/projects/:projectId/offers/:offerId", expect: owners },
  { method: "GET", path: "/api/offers", expect: signedIn },
  // The fixture's offer is made to the outsider's email: theirs alone to accept or decline.
  {
    method: "POST",
    path: "/api/offers/:offerId/accept",
    expect: { ...owners, owner: "deny", outsider: "allow" },
  },
  { method: "DELETE", path: "/api/offers/:offerId", expect: { ...owners, owner: "deny", outsider: "allow" } },
  { method: "GET", path: "/api/projects/:projectId/activity", expect: owners },
  { method: "GET", path: "/api/projects/:projectId/transcripts", expect: members },
  {
    method: "POST",
    path: "/api/projects/:projectId/transcripts",
    expect: coders,
    body: () => ({
      name: "Chief Officer 2",
      sourceFormat: "text",
      blocks: [{ kind: "turn", speaker: "A", text: "Hi." }],
    }),
  },
  { method: "GET", path: "/api/projects/:projectId/transcripts/code-counts", expect: members },
  { method: "GET", path: "/api/projects/:projectId/transcripts/:transcriptId", expect: members },
  { method: "GET", path: "/api/projects/:projectId/transcripts/:transcriptId/document", expect: members },
  {
    method: "GET",
    path: "/api/projects/:projectId/transcripts/:transcriptId/summary",
    expect: members,
  },
  {
    method: "GET",
    path: "/api/projects/:projectId/transcripts/:transcriptId/coding-removals",
    expect: members,
  },
  {
    method: "PATCH",
    path: "/api/projects/:projectId/transcripts/:transcriptId",
    expect: coders,
    body: () => ({ name: "Renamed" }),
  },
  { method: "DELETE", path: "/api/projects/:projectId/transcripts/:transcriptId", expect: owners },
  { method: "GET", path: "/api/invites/:inviteToken", expect: everyone },
  { method: "POST", path: "/api/demo-project", expect: signedIn },
  { method: "POST", path: "/api/invites/:inviteToken/accept", expect: signedIn },
  // Every member, observers included, takes part in discussions; the server writes what they say.
  { method: "GET", path: "/api/projects/:projectId/discussions/threads", expect: members },
  {
    method: "POST",
    path: "/api/projects/:projectId/discussions/:scope/threads",
    expect: members,
    body: () => ({ target: { kind: "passage", anchor: PASSAGE }, body: "Is this *sustaining*?" }),
  },
  {
    method: "POST",
    path: "/api/projects/:projectId/discussions/:scope/threads/:threadId/comments",
    expect: members,
    body: () => ({ body: "A reply" }),
  },
  // Each member edits and deletes a comment of their own.
  {
    method: "PATCH",
    path: "/api/projects/:projectId/discussions/:scope/threads/:threadId/comments/:commentId",
    expect: members,
    body: () => ({ body: "Said better" }),
  },
  {
    method: "DELETE",
    path: "/api/projects/:projectId/discussions/:scope/threads/:threadId/comments/:commentId",
    expect: members,
  },
  {
    method: "PUT",
    path: "/api/projects/:projectId/discussions/:scope/threads/:threadId/resolution",
    expect: members,
    body: () => ({ resolved: true }),
  },
  {
    method: "PUT",
    path: "/api/projects/:projectId/discussions/:scope/threads/:threadId/meeting",
    expect: members,
    body: () => ({ forMeeting: true }),
  },
  {
    method: "PUT",
    path: "/api/projects/:projectId/discussions/:scope/threads/:threadId/anchor",
    // The fixture's thread is the owner's: its author or an owner re-attaches it.
    expect: owners,
    body: () => ({ anchor: PASSAGE }),
  },
  // Rounds: every member sees that they exist; owners run them; layers and agreement as the round allows.
  { method: "GET", path: "/api/projects/:projectId/rounds", expect: members },
  {
    method: "POST",
    path: "/api/projects/:projectId/rounds",
    expect: owners,
    body: (f) => ({
      name: "Pilot",
      transcriptIds: [f.roundTranscript],
      coderIds: [users.coder.id, users.owner.id],
    }),
  },
  { method: "GET", path: "/api/projects/:projectId/rounds/:roundId", expect: members },
  { method: "POST", path: "/api/projects/:projectId/rounds/:roundId/close", expect: owners },
  { method: "POST", path: "/api/projects/:projectId/rounds/:roundId/open", expect: owners, round: "closed" },
  {
    method: "POST",
    path: "/api/projects/:projectId/rounds/:roundId/reveal",
    expect: owners,
    round: "closed",
  },
  // Before reveal, each of the round's coders (here the coder and the owner) reads their own layer only.
  { method: "GET", path: "/api/projects/:projectId/rounds/:roundId/layers", expect: coders },
  // Agreement of a round without monitor: nobody before reveal, every member after.
  {
    method: "GET",
    path: "/api/projects/:projectId/rounds/:roundId/agreement",
    expect: owners,
    round: "monitored",
  },
  {
    method: "GET",
    path: "/api/projects/:projectId/rounds/:roundId/agreement",
    expect: members,
    round: "revealed",
  },
  // Meetings: every member reads them; coders and owners prepare one on a round, owners on shared
  // codings; its facilitator (the owner here) decides.
  { method: "GET", path: "/api/projects/:projectId/meetings", expect: members },
  {
    method: "POST",
    path: "/api/projects/:projectId/meetings",
    expect: owners,
    // The revealed round has its meeting already: a meeting on the shared codings, which only owners
    // prepare (its decisions take the place of coders' own codings).
    body: (f) => ({ shared: { transcriptIds: [f.transcript], coderIds: [users.coder.id, users.owner.id] } }),
  },
  {
    method: "POST",
    path: "/api/projects/:projectId/meetings/preview",
    expect: owners,
    body: (f) => ({ shared: { transcriptIds: [f.transcript], coderIds: [users.coder.id, users.owner.id] } }),
  },
  { method: "GET", path: "/api/projects/:projectId/meetings/:meetingId", expect: members },
  { method: "GET", path: "/api/projects/:projectId/meetings/:meetingId/minutes", expect: members },
  { method: "GET", path: "/api/projects/:projectId/meetings/:meetingId/agreement", expect: members },
  {
    method: "PATCH",
    path: "/api/projects/:projectId/meetings/:meetingId",
    expect: owners,
    body: () => ({ attendeesDecide: true }),
  },
  {
    method: "POST",
    path: "/api/projects/:projectId/meetings/:meetingId/facilitator",
    expect: owners,
    body: () => ({ userId: users.coder.id }),
  },
  {
    method: "POST",
    path: "/api/projects/:projectId/meetings/:meetingId/items/:itemId/decisions",
    expect: owners,
    body: () => ({ basedOn: 0, outcome: { kind: "union" }, rationale: "Both readings hold." }),
  },
  {
    method: "POST",
    path: "/api/projects/:projectId/meetings/:meetingId/items/:itemId/codebook",
    expect: owners,
    body: (f) => ({ change: { kind: "refine", codeId: f.code, description: "Trust between partners." } }),
  },
  // A code's history: every member reads it.
  { method: "GET", path: "/api/projects/:projectId/codes/:codeId/history", expect: members },
  { method: "GET", path: "/api/inbox", expect: signedIn },
  { method: "POST", path: "/api/inbox/read", expect: signedIn, body: () => ({ all: true }) },
];

type RoomAccessExpectation = "read-write" | "read-only" | number;

const roomTable: readonly { kind: string; expect: Record<Actor, RoomAccessExpectation> }[] = [
  {
    kind: "project",
    expect: {
      anonymous: CloseCode.unauthorized,
      outsider: CloseCode.forbidden,
      observer: "read-only",
      coder: "read-write",
      owner: "read-write",
    },
  },
  {
    kind: "transcript",
    expect: {
      anonymous: CloseCode.unauthorized,
      outsider: CloseCode.forbidden,
      observer: "read-only",
      coder: "read-write",
      owner: "read-write",
    },
  },
  {
    kind: "discussion",
    expect: {
      anonymous: CloseCode.unauthorized,
      outsider: CloseCode.forbidden,
      observer: "read-only",
      coder: "read-only",
      owner: "read-only",
    },
  },
  {
    kind: "inbox (the coder's own)",
    expect: {
      anonymous: CloseCode.unauthorized,
      outsider: CloseCode.forbidden,
      observer: CloseCode.forbidden,
      coder: "read-only",
      owner: CloseCode.forbidden,
    },
  },
  {
    // An open round without monitor: its layer is its coder's alone, even the owner (a coder of the round too) is kept out.
    kind: "layer (the coder's own, open round)",
    expect: {
      anonymous: CloseCode.unauthorized,
      outsider: CloseCode.forbidden,
      observer: CloseCode.forbidden,
      coder: "read-write",
      owner: CloseCode.forbidden,
    },
  },
  {
    kind: "layer (the coder's, closed round)",
    expect: {
      anonymous: CloseCode.unauthorized,
      outsider: CloseCode.forbidden,
      observer: CloseCode.forbidden,
      coder: "read-only",
      owner: CloseCode.forbidden,
    },
  },
  {
    kind: "layer (the coder's, open round with monitor)",
    expect: {
      anonymous: CloseCode.unauthorized,
      outsider: CloseCode.forbidden,
      observer: CloseCode.forbidden,
      coder: "read-write",
      owner: "read-only",
    },
  },
  {
    kind: "layer (the coder's, revealed round)",
    expect: {
      anonymous: CloseCode.unauthorized,
      outsider: CloseCode.forbidden,
      observer: "read-only",
      coder: "read-only",
      owner: "read-only",
    },
  },
  {
    // A meeting's live room: observers attend and read; coders and owners write rationales.
    kind: "meeting",
    expect: {
      anonymous: CloseCode.unauthorized,
      outsider: CloseCode.forbidden,
      observer: "read-only",
      coder: "read-write",
      owner: "read-write",
    },
  },
  {
    // A name no round makes: the round does not exist, or the person is not one of its coders.
    kind: "layer (of no round)",
    expect: {
      anonymous: CloseCode.unauthorized,
      outsider: CloseCode.forbidden,
      observer: CloseCode.notFound,
      coder: CloseCode.notFound,
      owner: CloseCode.notFound,
    },
  },
];

/**
 * Writes `text` into a room's document the way a member's client legitimately would (a code in a
 * project, a memo paragraph in a transcript; a text in rooms only the server writes), and reads it back.
 */
/** The fixture meeting's agenda item, whose rationale the meeting room's rows write. */
let meetingItemKey = "";

function writeText(room: string, doc: Y.Doc, text: string, userId: string): void {
  if (room.startsWith("project.")) createCode(doc, { name: text }, userId);
  else if (room.startsWith("meeting.")) {
    // The rationale of the meeting's agenda item (the only keys its room takes).
    const rationale = doc.getMap("rationale");
    const key = meetingItemKey;
    if (!rationale.has(key)) rationale.set(key, new Y.Text());
    (rationale.get(key) as Y.Text).insert(0, text);
  } else if (room.startsWith("layer.")) {
    // A layer holds codings only: the text is the code's id, on the transcript's first words.
    applyCode(doc, transcriptText, { start: 0, end: 5 }, text.replace(/[^A-Za-z0-9]/g, "-"), userId);
  } else if (room.startsWith("transcript.")) {
    const paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [new Y.XmlText(text)]);
    memoFragment(doc, "transcript").insert(0, [paragraph]);
  } else doc.getText("t").insert(0, text);
}

function readText(room: string, doc: Y.Doc): string {
  if (room.startsWith("meeting.")) {
    return [...doc.getMap("rationale").values()]
      .map((text) => String(text))
      .sort()
      .join(" | ");
  }
  if (room.startsWith("layer.")) {
    const codes: string[] = [];
    forEachCoding(doc, (coding) => {
      if (coding.codeId !== FIXTURE_CODE) codes.push(coding.codeId.replace(/-/g, " "));
    });
    return [doc.getText("t").toString(), ...codes].filter(Boolean).join(" | ");
  }
  if (room.startsWith("project."))
    return listCodes(doc)
      .map((code) => code.name)
      .filter((name) => name !== FIXTURE_CODE_NAME)
      .sort()
      .join(" | ");
  if (room.startsWith("transcript.")) {
    return memoFragment(doc, "transcript")
      .toArray()
      .map((paragraph) => (paragraph as Y.XmlElement).toArray().join(""))
      .join(" | ");
  }
  return doc.getText("t").toString();
}

interface Fixture {
  readonly project: string;
  readonly transcript: string;
  readonly inviteId: string;
  readonly inviteToken: string;
  /** A place in the project offered to the outsider's email. */
  readonly offerId: string;
  /** A thread on the transcript, with one comment by each member. */
  readonly thread: string;
  readonly comments: Record<"owner" | "coder" | "observer", string>;
  /** Rounds of a second transcript for the coder and the owner: open, closed, revealed, and open with monitor on. */
  readonly rounds: Record<"open" | "closed" | "revealed" | "monitored", string>;
  /** A code of the project's codebook. */
  readonly code: string;
  /** The transcript of the rounds (the first one's discussion is no round coder's to keep quiet about). */
  readonly roundTranscript: string;
  /** A meeting on the revealed round, facilitated by the owner, and the one item on its agenda. */
  readonly meeting: string;
  readonly meetingItem: string;
}

let server: TestServer;
/** The text layers' codings are anchored in: the fixture's transcript, as the server holds it. */
let transcriptText: Y.Doc;
const users = {} as Record<
  Exclude<Actor, "anonymous">,
  { id: string; session: string; token: string; tokenIds: string[] }
>;

beforeAll(async () => {
  server = await startTestServer();
  const { services } = server;
  const passwordHash = await hashPassword(PASSWORD);
  services.users.create({ email: "spare@example.org", name: "Spare", passwordHash });
  for (const actor of ["owner", "coder", "observer", "outsider"] as const) {
    const user = services.users.create({ email: `${actor}@example.org`, name: actor, passwordHash });
    const tokenIds = Array.from(
      { length: 40 },
      () => services.tokens.create(user.id, "spare", Date.now() + 86_400_000).record.id,
    );
    users[actor] = {
      id: user.id,
      session: services.sessions.create(user.id, null).token,
      token: services.tokens.create(user.id, "matrix", Date.now() + 86_400_000).token,
      tokenIds,
    };
  }
  services.projects.create("The outsider's own project", users.outsider.id);
});

afterAll(async () => {
  await server.dispose();
});

/** An API client signed in as one of the matrix's people. */
function apiAs(actor: Exclude<Actor, "anonymous">) {
  const client = createApiClient(server.url);
  client.cookie = users[actor].session;
  return client;
}

/** The stock client in `room` with one of the matrix's people's tokens. */
function joinAs(room: string, actor: Exclude<Actor, "anonymous">) {
  return connectStockClient(server.wsUrl, room, { params: { token: users[actor].token } });
}

async function createFixture(): Promise<Fixture> {
  const { projects, invites } = server.services;
  const project = projects.create("Co-production in integration", users.owner.id);
  projects.setRole(project.id, users.coder.id, "coder");
  projects.setRole(project.id, users.observer.id, "observer");
  const { token, invite } = invites.create({
    projectId: project.id,
    role: "observer",
    createdBy: users.owner.id,
    expiresAt: Date.now() + 86_400_000,
  });
  const transcript = server.services.transcripts.create({
    projectId: project.id,
    name: "Chief Officer 1",
    sourceFormat: "text",
    blocks: [{ kind: "turn", speaker: "Interviewer", text: "How is co-production understood here?" }],
    speakers: ["Interviewer"],
    turns: 1,
    words: 6,
    createdBy: users.owner.id,
  });
  const comments = { owner: "c-owner", coder: "c-coder", observer: "c-observer" };
  await server.services.rooms.change(`discussion.${project.id}.${transcript.id}`, (doc) => {
    startThread(
      doc,
      "t1",
      { kind: "passage", anchor: PASSAGE },
      {
        id: comments.owner,
        authorId: users.owner.id,
        body: "First",
        mentions: [],
        at: 1,
      },
    );
    for (const actor of ["coder", "observer"] as const)
      reply(doc, "t1", {
        id: comments[actor],
        authorId: users[actor].id,
        body: "Reply",
        mentions: [],
        at: 2,
      });
  });
  const roundTranscript = server.services.transcripts.create({
    projectId: project.id,
    name: "Chief Officer 2",
    sourceFormat: "text",
    blocks: [{ kind: "turn", speaker: "Interviewer", text: "And how is it sustained?" }],
    speakers: ["Interviewer"],
    turns: 1,
    words: 5,
    createdBy: users.owner.id,
  });
  const round = (name: string, monitor = false) =>
    server.services.rounds.create({
      projectId: project.id,
      name,
      transcriptIds: [roundTranscript.id],
      coderIds: [users.coder.id, users.owner.id],
      codeIds: null,
      monitor,
      createdBy: users.owner.id,
    }).id;
  const rounds = {
    open: round("Open"),
    closed: round("Closed"),
    revealed: round("Revealed"),
    monitored: round("Watched", true),
  };
  // What the coder coded in the rounds that are no longer open, written as the server would have stored it.
  for (const which of ["closed", "revealed"] as const) {
    await server.services.rooms.change(
      `layer.${project.id}.${roundTranscript.id}.${rounds[which]}.${users.coder.id}`,
      (doc) => doc.getText("t").insert(0, "confidential interview text"),
    );
    server.services.rounds.move(project.id, rounds[which], "closed");
  }
  // The coder coded the revealed round's transcript where the owner, its other coder, did not.
  const text = await server.services.rooms.read(`transcript.${project.id}.${roundTranscript.id}`);
  await server.services.rooms.change(
    `layer.${project.id}.${roundTranscript.id}.${rounds.revealed}.${users.coder.id}`,
    (doc) => applyCode(doc, text, { start: 0, end: 8 }, FIXTURE_CODE, users.coder.id),
  );
  server.services.rounds.move(project.id, rounds.revealed, "revealed");
  const revealed = server.services.rounds.get(project.id, rounds.revealed);
  const agenda = revealed
    ? await roundAgenda(server.services.rooms, server.services.transcripts, revealed, { kind: "turn" })
    : [];
  const meeting = server.services.meetings.create({
    projectId: project.id,
    roundId: rounds.revealed,
    title: "Pilot meeting",
    tolerance: { kind: "turn" },
    agenda,
    facilitatorId: users.owner.id,
  });
  meetingItemKey = agenda[0]?.id ?? "";
  const code = await server.services.rooms.change(`project.${project.id}`, (doc) =>
    createCode(doc, { name: FIXTURE_CODE_NAME }, users.owner.id),
  );
  return {
    rounds,
    code,
    roundTranscript: roundTranscript.id,
    meeting: meeting.id,
    meetingItem: agenda[0]?.id ?? "none",
    project: project.id,
    transcript: transcript.id,
    inviteId: invite.id,
    offerId: (() => {
      server.services.offers.offer({
        projectId: project.id,
        email: "outsider@example.org",
        role: "coder",
        offeredBy: users.owner.id,
      });
      return server.services.offers.forProject(project.id)[0]?.id ?? "none";
    })(),
    inviteToken: token,
    thread: "t1",
    comments,
  };
}

function fillPath(path: string, fixture: Fixture, actor: Actor, round: RouteRow["round"]): string {
  const spareToken = actor === "anonymous" ? "none" : (users[actor].tokenIds.pop() ?? "none");
  return path
    .replace(":roundId", fixture.rounds[round ?? "open"])
    .replace(":meetingId", fixture.meeting)
    .replace(":itemId", encodeURIComponent(fixture.meetingItem))
    .replace(":codeId", fixture.code)
    .replace(":projectId", fixture.project)
    .replace(":userId", users.observer.id)
    .replace(":inviteId", fixture.inviteId)
    .replace(":offerId", fixture.offerId)
    .replace(":transcriptId", fixture.transcript)
    .replace(":inviteToken", fixture.inviteToken)
    .replace(":tokenId", spareToken)
    .replace(":scope", fixture.transcript)
    .replace(":threadId", fixture.thread)
    .replace(":commentId", fixture.comments[actor === "anonymous" || actor === "outsider" ? "owner" : actor]);
}

describe("the authorization matrix", () => {
  it("has a row for every API route the server serves", () => {
    const served = server.routes
      .filter((route) => route.path.startsWith("/api/") && route.method !== "ALL")
      .map((route) => `${route.method} ${route.path}`);
    const listed = [...new Set(routeTable.map((row) => `${row.method} ${row.path}`))];
    expect(served.filter((route) => !listed.includes(route))).toEqual([]);
    expect(listed.filter((route) => !served.includes(route))).toEqual([]);
  });

  for (const row of routeTable) {
    for (const actor of actors) {
      const verdict = row.expect[actor];
      it(`${verdict}s ${actor}: ${row.method} ${row.path}${row.round ? ` (${row.round} round)` : ""}`, async () => {
        // A fresh project per case, so that one case's change (a removal, a rename) cannot decide another.
        const fixture = await createFixture();
        const client = createApiClient(server.url);
        if (actor !== "anonymous") client.cookie = users[actor].session;
        const body = row.body?.(fixture, actor);
        const response = await client.request(row.method, fillPath(row.path, fixture, actor, row.round), {
          ...(body === undefined ? {} : { body }),
        });
        if (verdict === "deny") {
          expect([401, 403], JSON.stringify(response.body)).toContain(response.status);
        } else {
          expect(response.status, JSON.stringify(response.body)).toBeGreaterThanOrEqual(200);
          expect(response.status, JSON.stringify(response.body)).toBeLessThan(300);
        }
        // Sign-in and password changes replace the session; put the known one back for later cases.
        if (actor !== "anonymous" && client.cookie !== users[actor].session) {
          users[actor].session = server.services.sessions.create(users[actor].id, null).token;
        }
      });
    }
  }

  for (const room of roomTable) {
    for (const actor of actors) {
      const expected = room.expect[actor];
      const label = typeof expected === "number" ? `refuses with ${expected}` : `gives ${expected} to`;
      it(`${label} ${actor}: ${room.kind} room`, async () => {
        const fixture = await createFixture();
        const layer = (round: string) =>
          `layer.${fixture.project}.${fixture.roundTranscript}.${round}.${users.coder.id}`;
        transcriptText = await server.services.rooms.read(
          `transcript.${fixture.project}.${fixture.roundTranscript}`,
        );
        const names: Record<string, string> = {
          project: `project.${fixture.project}`,
          transcript: `transcript.${fixture.project}.${fixture.transcript}`,
          discussion: `discussion.${fixture.project}.${fixture.transcript}`,
          "inbox (the coder's own)": `inbox.${users.coder.id}`,
          "layer (the coder's own, open round)": layer(fixture.rounds.open),
          "layer (the coder's, closed round)": layer(fixture.rounds.closed),
          "layer (the coder's, open round with monitor)": layer(fixture.rounds.monitored),
          "layer (the coder's, revealed round)": layer(fixture.rounds.revealed),
          "layer (of no round)": layer("nope"),
          meeting: `meeting.${fixture.project}.${fixture.meeting}`,
        };
        const name = names[room.kind] as string;
        await expectRoomAccess(name, actor, expected);
      });
    }
  }
});

async function expectRoomAccess(room: string, actor: Actor, expected: RoomAccessExpectation): Promise<void> {
  // Content goes in first, so a refused client provably receives none: through someone with write
  // access, or, in rooms only the server writes (discussions, inboxes), as the server.
  const serverWritten =
    room.startsWith("discussion.") || room.startsWith("inbox.") || room.startsWith("layer.");
  const writer = room.startsWith("layer.") || room.startsWith("inbox.") ? users.coder : users.owner;
  const params: Record<string, string> = actor === "anonymous" ? {} : { token: users[actor].token };
  if (room.includes(".nope.")) {
    const client = connectStockClient(server.wsUrl, room, { params });
    const closed = await new Promise<{ code: number }>((resolve) => client.provider.on("closed", resolve));
    expect(closed.code).toBe(expected);
    client.destroy();
    return;
  }
  const seed = connectStockClient(server.wsUrl, room, { params: { token: writer.token } });
  await whenSynced(seed);
  if (serverWritten)
    // One inbox serves every case: start each from the same text.
    await server.services.rooms.change(room, (doc) => {
      const text = doc.getText("t");
      text.delete(0, text.length);
      text.insert(0, "confidential interview text");
    });
  else writeText(room, seed.doc, "confidential interview text", writer.id);
  const storage = createSqliteDocumentStorage(server.db);
  await eventually(async () => expect((await storage.load(room)).updates.length).toBeGreaterThan(0));
  await eventually(() => expect(readText(room, seed.doc)).toBe("confidential interview text"));

  const client = connectStockClient(server.wsUrl, room, { params });
  try {
    if (typeof expected === "number") {
      const closed = await new Promise<{ code: number }>((resolve) => client.provider.on("closed", resolve));
      expect(closed.code).toBe(expected);
      expect(readText(room, client.doc)).toBe("");
      return;
    }
    await whenSynced(client);
    expect(readText(room, client.doc)).toBe("confidential interview text");
    const before = (await storage.load(room)).updates.length;
    writeText(room, client.doc, `${actor} was here`, users[actor as Exclude<Actor, "anonymous">].id);
    if (expected === "read-write") {
      await eventually(() => expect(readText(room, seed.doc)).toMatch(/was here/));
      expect((await storage.load(room)).updates.length).toBeGreaterThan(before);
    } else {
      // Give the edit time to arrive; it must reach neither storage nor the other client.
      await new Promise((resolve) => setTimeout(resolve, 300));
      await server.registry.settled();
      expect((await storage.load(room)).updates.length).toBe(before);
      expect(readText(room, seed.doc)).toBe("confidential interview text");
      // Told at once that the write was refused, with a final code.
      await eventually(() => expect(client.closeCodes).toEqual([CloseCode.refused]));
    }
  } finally {
    client.destroy();
    seed.destroy();
  }
}

describe("membership changes on open connections", () => {
  it("disconnect a removed member within a second", async () => {
    const fixture = await createFixture();
    const room = `transcript.${fixture.project}.${fixture.transcript}`;
    const coder = joinAs(room, "coder");
    await whenSynced(coder);
    const closed = new Promise<{ code: number }>((resolve) => coder.provider.on("closed", resolve));
    const owner = apiAs("owner");
    const started = Date.now();
    const response = await owner.request(
      "DELETE",
      `/api/projects/${fixture.project}/members/${users.coder.id}`,
    );
    expect(response.status).toBe(200);
    expect((await closed).code).toBe(CloseCode.forbidden);
    expect(Date.now() - started).toBeLessThan(1000);
    coder.destroy();
  });

  it("stop a downgraded coder's edits at once, while they stay connected", async () => {
    const fixture = await createFixture();
    const room = `transcript.${fixture.project}.${fixture.transcript}`;
    const coder = joinAs(room, "coder");
    const owner = joinAs(room, "owner");
    await Promise.all([whenSynced(coder), whenSynced(owner)]);
    const api = apiAs("owner");
    await api.request("PATCH", `/api/projects/${fixture.project}/members/${users.coder.id}`, {
      body: { role: "observer" },
    });
    const before = readText(room, coder.doc);
    writeText(room, owner.doc, "owner edit", users.owner.id);
    await eventually(() => expect(readText(room, coder.doc)).toContain("owner edit"));
    writeText(room, coder.doc, "after downgrade", users.coder.id);
    // The coder's page is told at once (it drops its copy); nothing of the write reaches anyone.
    await eventually(() => expect(coder.closeCodes).toEqual([CloseCode.refused]));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(readText(room, owner.doc)).not.toContain("after downgrade");
    expect(before).not.toContain("after downgrade");
    coder.destroy();
    owner.destroy();
  });

  it("make every room of an archived project read-only for its owner too", async () => {
    const fixture = await createFixture();
    const room = `transcript.${fixture.project}.${fixture.transcript}`;
    const owner = joinAs(room, "owner");
    const witness = joinAs(room, "coder");
    await Promise.all([whenSynced(owner), whenSynced(witness)]);
    const api = apiAs("owner");
    await api.request("PATCH", `/api/projects/${fixture.project}`, { body: { archived: true } });
    writeText(room, owner.doc, "too late", users.owner.id);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(readText(room, witness.doc)).toBe("");
    owner.destroy();
    witness.destroy();
  });

  it("refuse a cookie connection from another site's page", async () => {
    const fixture = await createFixture();
    const { default: WebSocket } = await import("ws");
    const socket = new WebSocket(`${server.wsUrl}/project.${fixture.project}`, {
      headers: { cookie: `concord_session=${users.owner.session}`, origin: "https://evil.example" },
    });
    const messageTypes: number[] = [];
    socket.on("message", (data: Buffer) => messageTypes.push(data[0] ?? -1));
    const code = await new Promise<number>((resolve) =>
      socket.on("close", (closeCode) => resolve(closeCode)),
    );
    expect(code).toBe(CloseCode.forbidden);
    // Only y-protocols' "permission denied" (type 2) arrives: no sync step, no awareness.
    expect(messageTypes).toEqual([2]);
  });
});

describe("ending a credential on open connections", () => {
  it("closes the sockets of a revoked token with 4401", async () => {
    const fixture = await createFixture();
    const { token, record } = server.services.tokens.create(
      users.coder.id,
      "short-lived",
      Date.now() + 86_400_000,
    );
    const client = connectStockClient(server.wsUrl, `transcript.${fixture.project}.${fixture.transcript}`, {
      params: { token },
    });
    await whenSynced(client);
    const closed = new Promise<{ code: number }>((resolve) => client.provider.on("closed", resolve));
    const api = apiAs("coder");
    expect((await api.request("DELETE", `/api/tokens/${record.id}`)).status).toBe(200);
    expect((await closed).code).toBe(CloseCode.unauthorized);
    client.destroy();
  });

  it("closes the sockets of a session that signs out, and only those", async () => {
    const fixture = await createFixture();
    const { default: WebSocket } = await import("ws");
    const session = server.services.sessions.create(users.observer.id, null).token;
    const openWith = (cookie: string) => {
      const socket = new WebSocket(`${server.wsUrl}/project.${fixture.project}`, {
        headers: { cookie: `concord_session=${cookie}`, origin: server.url },
      });
      const closed = new Promise<number>((resolve) => socket.on("close", (code) => resolve(code)));
      return { socket, closed, opened: new Promise((resolve) => socket.on("message", resolve)) };
    };
    const leaving = openWith(session);
    const staying = openWith(users.observer.session);
    await Promise.all([leaving.opened, staying.opened]);
    const api = createApiClient(server.url);
    api.cookie = session;
    await api.request("POST", "/api/auth/sign-out");
    expect(await leaving.closed).toBe(CloseCode.unauthorized);
    expect(staying.socket.readyState).toBe(WebSocket.OPEN);
    staying.socket.close();
  });
});

describe("rooms of transcripts that do not exist", () => {
  it("refuse even the project's owner with 4404, and send nothing", async () => {
    const fixture = await createFixture();
    for (const room of [
      `transcript.${fixture.project}.nope`,
      `layer.${fixture.project}.nope.r1.${users.owner.id}`,
    ]) {
      const client = joinAs(room, "owner");
      const closed = await new Promise<{ code: number }>((resolve) => client.provider.on("closed", resolve));
      expect(closed.code).toBe(CloseCode.notFound);
      client.destroy();
    }
  });

  it("close the sockets of a transcript when it is deleted", async () => {
    const fixture = await createFixture();
    const coder = connectStockClient(server.wsUrl, `transcript.${fixture.project}.${fixture.transcript}`, {
      params: { token: users.coder.token },
    });
    await whenSynced(coder);
    const closed = new Promise<{ code: number }>((resolve) => coder.provider.on("closed", resolve));
    const api = apiAs("owner");
    await api.request("DELETE", `/api/projects/${fixture.project}/transcripts/${fixture.transcript}`);
    expect((await closed).code).toBe(CloseCode.notFound);
    coder.destroy();
  });
});
