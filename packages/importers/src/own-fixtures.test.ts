import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { importTranscript } from "./import-transcript";
import { summarise } from "./transcript-draft";

/** Reads one of our own fixtures (`test-fixtures/`) as a person would import it. */
async function read(name: string) {
  const path = fileURLToPath(new URL(`../test-fixtures/${name}`, import.meta.url));
  return importTranscript({ name, bytes: readFileSync(path) });
}

const shape = (draft: Awaited<ReturnType<typeof read>>) =>
  draft.blocks.map((block) =>
    block.kind === "turn" ? [block.speaker, block.text, block.start] : [block.kind, block.text],
  );

describe("transcripts as real tools and people write them", () => {
  it("keeps Date:, Location: and Note: lines as the transcript's details, not as speakers", async () => {
    const draft = await read("details-header.txt");
    expect(summarise(draft).speakers).toEqual(["Interviewer", "Participant"]);
    expect(shape(draft).slice(0, 4)).toEqual([
      ["note", "Date: 14 May 2024"],
      ["note", "Location: Dundee, by video call"],
      ["note", "Note: the participant asked for the recording to stop at 40 minutes."],
      ["Interviewer", "How did the partnership start working on co-production?", undefined],
    ]);
  });

  it("finds the speakers of a two-line interview", async () => {
    const draft = await read("two-lines.txt");
    expect(shape(draft)).toEqual([
      ["Interviewer", "How did integration change your work?", undefined],
      ["Participant", "It brought health and social care staff into one team, slowly.", undefined],
    ]);
  });

  it("reads Otter's export: the name and time above each turn, times past the hour included", async () => {
    const draft = await read("otter.txt");
    expect(shape(draft)).toEqual([
      ["Jane Smith", "So tell me how the partnership started.", 3],
      [
        "Robert Jones",
        "It started with the integration scheme in 2016. We had a shadow year first. Then the joint board met for real in April.",
        10,
      ],
      ["Jane Smith", "And after that?", 3735],
      ["Robert Jones", "After that, the hard part: budgets.", 3740],
    ]);
  });

  it("reads a bracketed time before each label as the turn's start, past the first hour too", async () => {
    const draft = await read("bracketed-times.txt");
    expect(shape(draft)).toEqual([
      ["Interviewer", "Could you describe your role?", 2],
      ["Participant", "I lead the locality planning groups in the east.", 9],
      ["Interviewer", "One last question, then.", 3607.09],
      ["Participant", "Go on.", 3612],
    ]);
  });

  it("takes times out of the text, whether they are minutes or past the first hour", async () => {
    const draft = await read("inline-times.txt");
    expect(shape(draft)).toEqual([
      ["Interviewer", "What would you keep from the pandemic years?", 735],
      ["Participant", "The daily huddles. And the trust they built.", 3607.09],
      ["Interviewer", "Thank you.", undefined],
    ]);
  });

  it("leaves reStructuredText's field lists and directives out of the text", async () => {
    const draft = await read("directives.rst");
    expect(shape(draft)).toEqual([
      ["heading", "Day one"],
      ["Lead 6", "Good morning, my Lady.", undefined],
      ["Lady Hallett", "Good morning.", undefined],
      ["Lead 6", "May I call the first witness?", undefined],
    ]);
  });

  it("gives each voice of a cue its own turn, with the cue's time", async () => {
    const draft = await read("two-voices.vtt");
    expect(shape(draft)).toEqual([
      ["Samir", "So we pooled the budgets.", 1],
      ["Joan", "Exactly.", 1],
      ["Samir", "And then the hard part began.", 5],
    ]);
  });

  it("keeps every ampersand of a caption file, written as a reference or not", async () => {
    const draft = await read("ampersands.vtt");
    expect(draft.blocks.map((b) => b.text)).toEqual([
      "R&D money came from the Health & Social Care Partnership. Not much < what we needed — but AT&T-style contracts & all that.",
    ]);
  });
});

/**
 * A Word file made here, as Word writes one: paragraphs with their styles (Title, Heading 1 and 2),
 * a styles part naming them, and the parts every .docx has.
 */
function wordFile(paragraphs: readonly { style?: string; text: string }[]): Uint8Array {
  const escapeXml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  const body = paragraphs
    .map(
      ({ style, text }) =>
        `<w:p>${style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : ""}<w:r><w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r></w:p>`,
    )
    .join("");
  const w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
  const style = (id: string, name: string) =>
    `<w:style w:type="paragraph" w:styleId="${id}"><w:name w:val="${name}"/></w:style>`;
  return zipSync({
    "[Content_Types].xml": strToU8(
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>',
    ),
    "_rels/.rels": strToU8(
      '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    ),
    "word/_rels/document.xml.rels": strToU8(
      '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>',
    ),
    "word/styles.xml": strToU8(
      `<?xml version="1.0"?><w:styles ${w}>${style("Title", "Title")}${style("Heading1", "heading 1")}${style("Heading2", "heading 2")}</w:styles>`,
    ),
    "word/document.xml": strToU8(
      `<?xml version="1.0"?><w:document ${w}><w:body>${body}</w:body></w:document>`,
    ),
  });
}

describe("a Word transcript", () => {
  it("brings its headings in as headings, and keeps each turn's paragraphs", async () => {
    const bytes = wordFile([
      { style: "Heading1", text: "Interview 7: a national agency" },
      { text: "Interviewer: What does your agency expect of partnerships?" },
      { text: "Participant: That they involve people early." },
      { text: "And that they say what changed because of it." },
      { style: "Heading2", text: "Part two" },
      { text: "Interviewer: Thank you." },
    ]);
    const draft = await importTranscript({ name: "interview-7.docx", bytes });
    expect(shape(draft)).toEqual([
      ["heading", "Interview 7: a national agency"],
      ["Interviewer", "What does your agency expect of partnerships?", undefined],
      [
        "Participant",
        "That they involve people early.\nAnd that they say what changed because of it.",
        undefined,
      ],
      ["heading", "Part two"],
      ["Interviewer", "Thank you.", undefined],
    ]);
    expect(draft.blocks.filter((b) => b.kind === "heading").map((b) => "level" in b && b.level)).toEqual([
      1, 2,
    ]);
  });
});
