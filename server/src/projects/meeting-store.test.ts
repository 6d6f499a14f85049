import { rmSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { createUserStore } from "../accounts/user-store";
import { openDatabase, type SqliteDatabase } from "../db/database";
import { createDataDir } from "../testing";
import { createMeetingStore } from "./meeting-store";
import { createProjectStore } from "./project-store";

let dataDir = "";
let db: SqliteDatabase | null = null;

afterEach(() => {
  db?.close();
  db = null;
  rmSync(dataDir, { recursive: true, force: true });
});

function meetingOf() {
  dataDir = createDataDir();
  db = openDatabase({ dataDir, synchronous: "NORMAL" });
  const lead = createUserStore(db).create({ email: "lead@example.org", name: "Lead", passwordHash: "!" });
  const project = createProjectStore(db).create("Study", lead.id);
  const meetings = createMeetingStore(db);
  const meeting = meetings.create({
    projectId: project.id,
    roundId: null,
    title: "Pilot meeting",
    tolerance: { kind: "characters", characters: 0 },
    agenda: [],
    facilitatorId: lead.id,
  });
  return { meetings, meeting, lead };
}

const decision = (basedOn: number, by: string) => ({
  itemId: "t:trust:0",
  basedOn,
  outcome: { kind: "union" } as const,
  rationale: "Both readings hold.",
  attendees: ["a", "b"],
  decidedBy: by,
});

describe("a meeting's decisions", () => {
  it("take one of two decisions made from the same version and record the other as refused", () => {
    const { meetings, meeting } = meetingOf();
    const first = meetings.decide({ meetingId: meeting.id, ...decision(0, "ann") });
    const second = meetings.decide({ meetingId: meeting.id, ...decision(0, "bob") });
    expect("accepted" in first && first.accepted.version).toBe(1);
    expect("refused" in second && second.current?.decidedBy).toBe("ann");
    expect(meetings.log(meeting.id).map((d) => [d.decidedBy, d.version, d.accepted])).toEqual([
      ["ann", 1, true],
      ["bob", 1, false],
    ]);
  });

  it("reopen as a new version that replaces the last, keeping every version in the log", () => {
    const { meetings, meeting } = meetingOf();
    meetings.decide({ meetingId: meeting.id, ...decision(0, "ann") });
    const reopened = meetings.decide({
      meetingId: meeting.id,
      ...decision(1, "bob"),
      outcome: { kind: "none" },
    });
    expect("accepted" in reopened && [reopened.accepted.version, reopened.replaces?.decidedBy]).toEqual([
      2,
      "ann",
    ]);
    expect(meetings.current(meeting.id).get("t:trust:0")?.outcome).toEqual({ kind: "none" });
    expect(meetings.log(meeting.id)).toHaveLength(2);
  });

  it("keeps the meeting's agenda, tolerance and facilitator as started, and hands the role over", () => {
    const { meetings, meeting } = meetingOf();
    expect(meetings.get(meeting.projectId, meeting.id)).toMatchObject({
      title: "Pilot meeting",
      tolerance: { kind: "characters", characters: 0 },
      agenda: [],
      attendeesDecide: false,
    });
    meetings.setFacilitator(meeting.id, "bob");
    meetings.setAttendeesDecide(meeting.id, true);
    expect(meetings.get(meeting.projectId, meeting.id)).toMatchObject({
      facilitatorId: "bob",
      attendeesDecide: true,
    });
  });
});
