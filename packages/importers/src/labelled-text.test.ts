import { describe, expect, it } from "vitest";
import { editDistance, parseClock, parseLabelledText } from "./labelled-text";

const turns = (text: string, flavour: "text" | "markdown" | "restructuredtext" = "text") =>
  parseLabelledText(text, flavour).blocks.map((block) =>
    block.kind === "turn" ? [block.speaker, block.text, block.start] : [block.kind, block.text],
  );

describe("reading speaker labels", () => {
  it("reads Name: labels that recur, and leaves a one-off colon sentence alone", () => {
    expect(turns("Dan: Hi.\n\nParticipant: Note: this is mine.\n\nDan: OK.")).toEqual([
      ["Dan", "Hi.", undefined],
      ["Participant", "Note: this is mine.", undefined],
      ["Dan", "OK.", undefined],
    ]);
  });

  it("reads **Name**: and **Name, PhD:** in Markdown, with inline times as the turn's start", () => {
    expect(
      turns(
        "**Mireille Reece, PsyD:** Hello!\n\n**Danielle Rath**: \\[04:12\\] Yes \\[laughs\\]",
        "markdown",
      ),
    ).toEqual([
      ["Mireille Reece, PsyD", "Hello!", undefined],
      ["Danielle Rath", "Yes [laughs]", 252],
    ]);
  });

  it("reads a timed label on its own line with the words on the next (Rev)", () => {
    expect(
      turns("Devon Zuegel (00:00:29):\nHello and welcome.\n\nAdam Wiggins (01:02:03):\nThanks."),
    ).toEqual([
      ["Devon Zuegel", "Hello and welcome.", 29],
      ["Adam Wiggins", "Thanks.", 3723],
    ]);
  });

  it("reads [id] labels without a colon", () => {
    expect(turns("[id1] hello\n\n[id2] hi\n\n[id1] bye")).toEqual([
      ["id1", "hello", undefined],
      ["id2", "hi", undefined],
      ["id1", "bye", undefined],
    ]);
  });

  it("keeps a turn's paragraphs, and quoted speech inside it", () => {
    const rst =
      "**Lead 6**: It was --\n\nthat meant the levers\nwere weak.\n\nAnd she says: no.\n\n**Witness**: Yes.\n\n**Lead 6**: And she says: fine.";
    expect(turns(rst, "restructuredtext")).toEqual([
      ["Lead 6", "It was --\nthat meant the levers were weak.\nAnd she says: no.", undefined],
      ["Witness", "Yes.", undefined],
      ["Lead 6", "And she says: fine.", undefined],
    ]);
  });

  it("keeps rst and Markdown headings as headings, and stage directions as notes", () => {
    expect(
      turns("Day one\n=======\n\n*(10.00 am)*\n\n**A**: Hi.\n\n**B**: Hello.", "restructuredtext"),
    ).toEqual([
      ["heading", "Day one"],
      ["note", "(10.00 am)"],
      ["A", "Hi.", undefined],
      ["B", "Hello.", undefined],
    ]);
    expect(turns("# Episode 25\n\nA: hi\n\nB: hey\n\nA: bye", "markdown")[0]).toEqual([
      "heading",
      "Episode 25",
    ]);
  });

  it("takes unlabelled paragraphs as unattributed turns when a file has no speakers", () => {
    expect(turns("First paragraph.\n\nSecond paragraph.")).toEqual([
      [null, "First paragraph.", undefined],
      [null, "Second paragraph.", undefined],
    ]);
  });

  it("warns about a label that appears once and is one letter off another", () => {
    const result = parseLabelledText(
      "Dan: a\n\nParticipant: b\n\nDan: c\n\nParticpant: d\n\nParticipant: e",
      "text",
    );
    expect(result.blocks.filter((b) => b.kind === "turn").map((b) => b.kind === "turn" && b.speaker)).toEqual(
      ["Dan", "Participant", "Dan", "Particpant", "Participant"],
    );
    expect(result.warnings).toHaveLength(1);
  });
});

describe("helpers", () => {
  it("read clock times in seconds", () => {
    expect(parseClock("04:12")).toBe(252);
    expect(parseClock("1:02:03.5")).toBe(3723.5);
    expect(parseClock("00:00:02,487")).toBeCloseTo(2.487);
  });

  it("count edits between labels", () => {
    expect(editDistance("Particpant", "Participant")).toBe(1);
    expect(editDistance("Dan", "Participant")).toBeGreaterThan(2);
  });
});
