import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ImportError } from "./import-error";
import { importTranscript, mergeTimedDrafts } from "./import-transcript";
import { type DraftTurn, summarise } from "./transcript-draft";

// The shared fixtures sit beside the repository, never inside it (see SOURCES.md for licences).
const fixtures = fileURLToPath(new URL("../../../../shared/fixtures/", import.meta.url));

interface Expected {
  readonly speakers: readonly string[];
  readonly turns: number;
  readonly first: string;
  readonly last: string;
  readonly warnings?: RegExp;
}

/** What a careful reader finds in each fixture: speakers in order of appearance, turns, first and last words. */
const expectations: Record<string, Expected | { error: RegExp }> = {
  "transcripts/changelog_brain-science-25_caffeine.md": {
    speakers: ["Mireille Reece, PsyD", "Danielle Rath", "Adam Stacoviak"],
    turns: 401,
    first: "Well, I am so excited today, because for today's episode",
    last: "And there you have it. Danielle Rath, thank you, thank you, thank you.",
  },
  "transcripts/metamuse_33-cities_rev-format.txt": {
    speakers: ["Devon Zuegel", "Adam Wiggins", "Mark McGranaghan"],
    turns: 110,
    first: "Something I really admire about Tokyo",
    last: "I'll definitely keep you posted. Thanks so much for having me.",
  },
  "transcripts/pdpilot/P1.pdf": { error: /cannot read \.pdf/ },
  "transcripts/pdpilot/P1.txt": {
    speakers: ["Dan", "Participant"],
    turns: 94,
    first: "Okay. So now you can stop sharing your screen",
    last: "Thank you.",
  },
  "transcripts/pdpilot/P2.txt": {
    speakers: ["Dan", "Participant"],
    turns: 165,
    first: "Okay. So now I just had",
    last: "Yes, let me remember where that button is.",
  },
  "transcripts/pdpilot/P3.txt": {
    speakers: ["Dan", "Participant"],
    turns: 122,
    first: "Okay. Now I'll share my screen.",
    last: "Bye.",
  },
  "transcripts/pdpilot/P4.txt": {
    speakers: ["Dan", "Participant"],
    turns: 111,
    first: "Um, so the first question is not, uh, about PDPilot",
    last: "Bye.",
  },
  "transcripts/pdpilot/P5.txt": {
    speakers: ["Dan", "Participant", "Particpant"],
    turns: 136,
    first: "So the first questions that I have are just about",
    last: "Thank you.",
    warnings: /“Particpant” appears once and looks like a misspelling of “Participant”/,
  },
  "transcripts/pdpilot/P6.txt": {
    speakers: ["Dan", "Participant"],
    turns: 100,
    first: "Okay, so now we will end wrap up",
    last: "Thank you.",
  },
  "transcripts/pdpilot/P7.txt": {
    speakers: ["Dan", "Participant"],
    turns: 106,
    first: "Okay. So now I will switch back to the slides",
    last: "Bye.",
  },
  "transcripts/primock57/day1_consultation07_doctor.TextGrid": {
    speakers: ["Doctor"],
    turns: 95,
    first: "Hello?",
    last: "OK. [inaudible], all the best. Bye bye.",
  },
  "transcripts/primock57/day1_consultation07_patient.TextGrid": {
    speakers: ["Patient"],
    turns: 80,
    first: "Hello?",
    last: "Right, cheers, cheers, [unintelligible].",
  },
  "transcripts/primock57/day1_consultation07_merged_DERIVED.txt": {
    speakers: ["Doctor", "Patient"],
    turns: 165,
    first: "Hello?",
    last: "OK. , all the best. Bye bye.",
  },
  "transcripts/qualcoder_example_transcript.txt": {
    speakers: ["id1", "id2", "id3"],
    turns: 7,
    first: "hello, I like the course.",
    last: "Hmm, I will ask the tutor for more help as I am really struggling.",
  },
  "transcripts/ukcovid-inquiry_M6_2025-07-02_adult-social-care_FULL-DAY.rst": {
    speakers: [
      "Lady Hallett",
      "Ms Carey",
      "Mr Matt Hancock",
      "Lead 6",
      "The Witness",
      "Mr Weatherby",
      "Mr Weatherby KC",
      "Ms Beattie",
      "Ms Weston",
      "Ms Weston KC",
      "Mr Straw",
      "Mr Straw KC",
      "Mr Payter",
      "Mr Burton",
      "Mr Burton KC",
      "Ms Wilkinson",
      "Ms Wilkinson KC",
    ],
    turns: 1471,
    first: "Ms Carey.",
    // The source breaks this sentence into two paragraphs; the turn keeps them as it has them.
    last: "I shall be back at 10.00\ntomorrow morning.",
  },
  "captions/metamuse_33-cities.vtt": {
    speakers: ["Speaker 0", "Speaker 1", "Speaker 2"],
    turns: 80,
    first: "Something I really admire about Tokyo",
    last: "I'll definitely keep you posted. Thanks so much for having me.",
  },
  "captions/primock57_day1_consultation07_DERIVED.srt": {
    speakers: ["Doctor", "Patient"],
    turns: 121,
    first: "Hello?",
    last: "all the best. Bye bye.",
  },
  "captions/primock57_day1_consultation07_DERIVED.vtt": {
    speakers: ["Doctor", "Patient"],
    turns: 121,
    first: "Hello?",
    last: "all the best. Bye bye.",
  },
  "captions/vttjs_cycle-collector-talk.vtt": {
    speakers: ["Kyle Huey", "Chris Pearce"],
    turns: 4,
    first: "Not ready yet? Alright, I'll wait until the camera man tells me we're good.",
    last: "cycles between C++ and Javascript.",
  },
  "captions/vttjs_spec-example_mojibake.vtt": {
    speakers: ["Roger Bingham", "Neil deGrasse Tyson"],
    turns: 5,
    first: "We are in New York City We're actually at the Lucern Hotel",
    last: "You know I'm so excited my glasses are falling off here.",
    warnings: /Repaired 1 garbled character/,
  },
  "captions/vttjs_voice_with-annotation.vtt": {
    speakers: ["Mary"],
    turns: 1,
    first: "No way!",
    last: "No way!",
  },
  "captions/webvttpy_youtube_dl.vtt": {
    speakers: [],
    turns: 1,
    first: "yeah what this will happen is I'm telling",
    last: "yeah what this will happen is I'm telling",
    warnings: /rolling captions/,
  },
  "docx/mammoth_comments.docx": { speakers: [], turns: 1, first: "Ouch.", last: "Ouch." },
  "docx/mammoth_empty.docx": { error: /no text in it/ },
  "docx/mammoth_endnotes.docx": { speakers: [], turns: 1, first: "Ouch[1].[2]", last: "Ouch[1].[2]" },
  "docx/mammoth_footnotes.docx": { speakers: [], turns: 1, first: "Ouch[1].[2]", last: "Ouch[1].[2]" },
  "docx/mammoth_simple-list.docx": { speakers: [], turns: 2, first: "Apple", last: "Banana" },
  "docx/mammoth_single-paragraph.docx": {
    speakers: [],
    turns: 1,
    first: "Walking on imported air",
    last: "Walking on imported air",
  },
  "docx/mammoth_strict-format.docx": { speakers: [], turns: 1, first: "Test", last: "Test" },
  "docx/mammoth_strikethrough.docx": {
    speakers: [],
    turns: 1,
    first: "Today's Special: Salmon Sold out",
    last: "Today's Special: Salmon Sold out",
  },
  "docx/mammoth_tables.docx": { speakers: [], turns: 6, first: "Above", last: "Below" },
  "docx/mammoth_text-box.docx": { speakers: [], turns: 1, first: "Datum plane", last: "Datum plane" },
  "docx/mammoth_tiny-picture.docx": { error: /no text in it/ },
  "docx/mammoth_underline.docx": {
    speakers: [],
    turns: 1,
    first: "The Sunset Tree",
    last: "The Sunset Tree",
  },
  "docx/mammoth_utf8-bom.docx": {
    speakers: [],
    turns: 1,
    first: "This XML has a byte order mark.",
    last: "This XML has a byte order mark.",
  },
  "docx/qualcoder_ID1.docx": {
    speakers: [],
    turns: 3,
    first: "I really like learning new things.",
    last: "I'm happy to pay €200.",
  },
};

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const importable = ["transcripts", "captions", "docx"].flatMap((folder) =>
  filesUnder(join(fixtures, folder)),
);

describe("importing every shared fixture", () => {
  it("has an expectation for every file in transcripts, captions and docx", () => {
    const names = importable.map((path) => relative(fixtures, path));
    expect(names.filter((name) => !(name in expectations))).toEqual([]);
  });

  for (const path of importable) {
    const name = relative(fixtures, path);
    const expected = expectations[name];
    if (!expected) continue;
    if ("error" in expected) {
      it(`refuses ${name} with a message that names the file and the reason`, async () => {
        const attempt = importTranscript({ name, bytes: readFileSync(path) });
        await expect(attempt).rejects.toThrow(ImportError);
        await expect(attempt).rejects.toThrow(expected.error);
        await expect(attempt).rejects.toThrow(name);
      });
      continue;
    }
    it(`reads ${name}: ${expected.speakers.length} speakers, ${expected.turns} turns`, async () => {
      const draft = await importTranscript({ name, bytes: readFileSync(path) });
      const summary = summarise(draft);
      const turns = draft.blocks.filter((block): block is DraftTurn => block.kind === "turn");
      expect(summary.speakers).toEqual(expected.speakers);
      expect(summary.turns).toBe(expected.turns);
      expect(turns[0]?.text.startsWith(expected.first), turns[0]?.text).toBe(true);
      expect(turns.at(-1)?.text.endsWith(expected.last), turns.at(-1)?.text).toBe(true);
      if (expected.warnings) expect(draft.warnings.join("\n")).toMatch(expected.warnings);
      else expect(draft.warnings).toEqual([]);
    });
  }

  it("keeps start and end times from captions and TextGrids", async () => {
    const vtt = await importTranscript({
      name: "c.vtt",
      bytes: readFileSync(join(fixtures, "captions/primock57_day1_consultation07_DERIVED.vtt")),
    });
    expect(vtt.blocks[0]).toMatchObject({ speaker: "Doctor", start: 2.487, end: 3.363 });
  });

  it("merges a doctor's and a patient's TextGrid into one conversation in time order", async () => {
    const read = (who: string) =>
      importTranscript({
        name: `day1_consultation07_${who}.TextGrid`,
        bytes: readFileSync(join(fixtures, `transcripts/primock57/day1_consultation07_${who}.TextGrid`)),
      });
    const merged = mergeTimedDrafts([await read("doctor"), await read("patient")]);
    const summary = summarise(merged);
    expect(summary.speakers).toEqual(["Doctor", "Patient"]);
    expect(summary.turns).toBe(175);
    const starts = merged.blocks.map((block) => (block.kind === "turn" ? (block.start ?? 0) : 0));
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });

  it("keeps the rst headings as headings and sitting times as notes, not as anyone's speech", async () => {
    const name = "transcripts/ukcovid-inquiry_M6_2025-07-02_adult-social-care_FULL-DAY.rst";
    const draft = await importTranscript({ name, bytes: readFileSync(join(fixtures, name)) });
    const notes = draft.blocks.filter((block) => block.kind === "note").map((block) => block.text);
    const headings = draft.blocks.filter((block) => block.kind === "heading");
    expect(headings.slice(0, 2)).toEqual([
      { kind: "heading", text: "2-07-2025", level: 1 },
      { kind: "heading", text: "Mr Matt Hancock", level: 2 },
    ]);
    expect(notes.slice(0, 2)).toEqual(["(10.00 am)", "MR MATT HANCOCK (affirmed)."]);
    expect(notes).toContain("(The hearing adjourned until 10.00 am the following day)");
  });

  it("keeps the footnotes of a Word file as numbered notes", async () => {
    const name = "docx/mammoth_footnotes.docx";
    const draft = await importTranscript({ name, bytes: readFileSync(join(fixtures, name)) });
    expect(draft.blocks.filter((block) => block.kind === "note").map((block) => block.text)).toEqual([
      "[1] A tachyon walks into a bar.",
      "[2] Fin.",
    ]);
  });
});
