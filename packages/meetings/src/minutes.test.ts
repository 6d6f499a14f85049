import { describe, expect, it } from "vitest";
import type { DisagreementItem } from "./agenda";
import { type MinutesInput, minutesHtml, minutesMarkdown } from "./minutes";

const item = (id: string, start: number): DisagreementItem => ({
  kind: "disagreement",
  id,
  transcriptId: "t",
  codeId: "trust",
  start,
  end: start + 10,
  reason: "presence",
  coders: { with: ["ann"], without: ["bob"] },
  versions: { ann: [], bob: [] },
  alternatives: {},
  impact: 10,
});
const names: Record<string, string> = { ann: "Ann", bob: "Bob", cat: "Cat", lee: "Lee <Lead>" };
const input: MinutesInput = {
  title: "Pilot meeting",
  heldAt: Date.UTC(2026, 11, 1, 18, 0),
  tolerance: { kind: "characters", characters: 5 },
  facilitatorId: "lee",
  agenda: [item("i1", 0), item("i2", 40)],
  log: [
    {
      itemId: "i1",
      version: 1,
      outcome: { kind: "union" },
      rationale: "Both are trust.",
      attendees: ["ann", "bob"],
      decidedBy: "lee",
      decidedAt: Date.UTC(2026, 11, 1, 18, 5),
      accepted: true,
    },
    {
      itemId: "i1",
      version: 1,
      outcome: { kind: "none" },
      rationale: "",
      attendees: ["bob"],
      decidedBy: "bob",
      decidedAt: Date.UTC(2026, 11, 1, 18, 5),
      accepted: false,
    },
  ],
  attendance: [
    { userId: "ann", firstSeen: Date.UTC(2026, 11, 1, 18, 1), lastSeen: Date.UTC(2026, 11, 1, 18, 3) },
    { userId: "cat", firstSeen: Date.UTC(2026, 11, 1, 18, 2), lastSeen: Date.UTC(2026, 11, 1, 18, 2) },
  ],
  codebookChanges: [
    {
      itemId: "i1",
      codeId: "trust",
      kind: "edit",
      fields: {
        description: { before: "Trust.", after: "Trust between partners." },
        archived: { before: false, after: false },
      },
      note: "",
      actorId: "lee",
      at: Date.UTC(2026, 11, 1, 18, 6),
    },
  ],
  nameOf: (id) => names[id] ?? id,
  roleOf: (id) => (id === "cat" ? "observer" : "coder"),
  codeName: (id) => (id === "trust" ? "Trust" : id),
  transcriptName: () => "Chief Officer 6",
};

describe("a meeting's minutes", () => {
  it("list attendance (who joined, and when, and who only observed), each decision with its rationale, its codebook changes and the attempts not taken, and the open items", () => {
    expect(minutesMarkdown(input)).toBe(`# Minutes: Pilot meeting

## Meeting

Held 2026-12-01 18:00 UTC, facilitated by Lee \\<Lead\\>.
Boundaries agreed within 5 characters. 1 of 2 items decided.

## Attendance

- Ann (joined 18:01, last joined 18:03 UTC)
- Cat, observer (joined 18:02, last joined 18:02 UTC)

## Decisions

### 1. Chief Officer 6, characters 0–10: “Trust” (applied by some, not others)

- Decided: the union of every version.
- By Lee \\<Lead\\>, 2026-12-01 18:05 UTC (version 1).
- Codebook: “Trust” refined (definition: “Trust.” → “Trust between partners.”; archived: no → no), by Lee \\<Lead\\>, 2026-12-01 18:06 UTC.
- Not taken (decided meanwhile by someone else): no code here, by Bob, 2026-12-01 18:05 UTC.

> Both are trust.

## Codebook changes

- “Trust” refined (definition: “Trust.” → “Trust between partners.”; archived: no → no), by Lee \\<Lead\\>, 2026-12-01 18:06 UTC (item 1).

## Open items

- Chief Officer 6, characters 40–50: “Trust” (applied by some, not others)
`);
  });

  it("say, for a meeting on a round, how many passages every coder coded alike went into the shared codings, code by code", () => {
    const markdown = minutesMarkdown({
      ...input,
      agreed: [
        { transcriptId: "t", codeId: "trust", start: 0, end: 5 },
        { transcriptId: "u", codeId: "trust", start: 9, end: 20 },
        { transcriptId: "t", codeId: "power", start: 30, end: 35 },
      ],
    });
    expect(markdown).toContain(`## Agreed by every coder

3 passages every coder coded alike went into the shared codings when the meeting was made.
- “Trust”: 2 passages in 2 transcripts
- “power”: 1 passage in 1 transcript
`);
    expect(minutesMarkdown(input)).not.toContain("Agreed by every coder");
  });

  it("name the project and give agreement before the meeting and after it", () => {
    const markdown = minutesMarkdown({
      ...input,
      project: "Co-production in Scotland",
      agreement: {
        unit: "turn",
        before: 0.1414,
        after: [
          { coderId: "ann", alpha: 0.6543 },
          { coderId: "bob", alpha: null },
        ],
      },
    });
    expect(markdown).toContain(`## Meeting

Project Co-production in Scotland. Held 2026-12-01 18:00 UTC, facilitated by Lee \\<Lead\\>.
Boundaries agreed within 5 characters. 1 of 2 items decided.
Krippendorff's alpha at the turn unit: 0.141 among the coders before the meeting; each coder with what was decided: Ann 0.654, Bob not defined.
`);
  });

  it("quote each passage, decided or open, and an earlier version's own rationale", () => {
    const markdown = minutesMarkdown({
      ...input,
      passageOf: (item) => (item.start === 0 ? "We trusted the council." : "x".repeat(400)),
      log: [
        { ...(input.log[0] as (typeof input.log)[number]), rationale: "First thoughts." },
        { ...(input.log[0] as (typeof input.log)[number]), version: 2, rationale: "Both are trust." },
      ],
    });
    expect(markdown).toContain(
      "- Passage: “We trusted the council.”\n- Decided: the union of every version.",
    );
    expect(markdown).toContain(
      "Earlier version: the union of every version, by Lee \\<Lead\\>, 2026-12-01 18:05 UTC. Its rationale: “First thoughts.”",
    );
    expect(markdown).toContain(`(applied by some, not others): “${"x".repeat(300)}…”`);
  });

  it("escape what Markdown or HTML would read as markup", () => {
    const markdown = minutesMarkdown({
      ...input,
      title: "<script>alert(1)</script> [x](javascript:alert(1))",
    });
    expect(markdown.split("\n")[0]).toBe(
      "# Minutes: \\<script\\>alert(1)\\</script\\> \\[x\\](javascript:alert(1))",
    );
  });

  it("keep every value on its line: no line break in a title, a definition or a rationale starts a block", () => {
    const markdown = minutesMarkdown({
      ...input,
      title: "Weekly\n\nAttendance\n==========\n\n+ Fake Person",
      log: [
        {
          ...(input.log[0] as (typeof input.log)[number]),
          rationale: "fine\r\rAttendance\r----------\r\r- Mallory (joined 09:00)\r1. Decided: forged",
        },
      ],
      codebookChanges: [
        {
          ...(input.codebookChanges[0] as (typeof input.codebookChanges)[number]),
          fields: { description: { before: "", after: "ok.\n\nOpen items\n----------\n\n+ forged line" } },
        },
      ],
    });
    expect(markdown.match(/^#+ Attendance$/gm)).toHaveLength(1);
    expect(markdown.match(/^#+ Open items$/gm)).toHaveLength(1);
    expect(markdown).not.toMatch(/^(-{3,}|={3,}|\+ |- Mallory|1\. )/m);
    expect(markdown).toContain("> \\----------");
    expect(markdown).toContain("> \\- Mallory (joined 09:00)");
    expect(markdown.split("\n")[0]).toBe("# Minutes: Weekly Attendance ========== + Fake Person");
  });

  it("print as a page with everything escaped", () => {
    const html = minutesHtml({ ...input, title: "<script>alert(1)</script>" });
    expect(html).toContain("<h1>Minutes: &lt;script&gt;alert(1)&lt;/script&gt;</h1>");
    expect(html).toContain("facilitated by Lee &lt;Lead&gt;.");
    expect(html).not.toContain("<script>");
    expect(html).toContain("<blockquote><p>Both are trust.</p></blockquote>");
  });
});
