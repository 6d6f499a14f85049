import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ImportError, ImportErrorCode } from "./import-error";
import { importTranscript, MAX_TRANSCRIPT_BYTES } from "./import-transcript";
import { asPlainParagraphs, renameSpeakers, summarise } from "./transcript-draft";

const docx = readFileSync(
  fileURLToPath(new URL("../../../../shared/fixtures/docx/qualcoder_ID1.docx", import.meta.url)),
);
const text = (value: string) => new TextEncoder().encode(value);

async function refusal(name: string, bytes: Uint8Array): Promise<ImportError> {
  try {
    await importTranscript({ name, bytes });
  } catch (error) {
    if (error instanceof ImportError) return error;
    throw error;
  }
  throw new Error(`${name} was imported but should have been refused`);
}

describe("importing a file that cannot be read", () => {
  it("refuses a truncated Word file as damaged, naming it", async () => {
    const error = await refusal("interview 3.docx", docx.subarray(0, Math.floor(docx.length / 2)));
    expect(error.code).toBe(ImportErrorCode.damaged);
    expect(error.message).toMatch(/^interview 3\.docx: this Word file is damaged or incomplete/);
  });

  it("refuses binary garbage with a text extension", async () => {
    const garbage = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256);
    const error = await refusal("notes.txt", garbage);
    expect(error.code).toBe(ImportErrorCode.binary);
    expect(error.message).toMatch(/not a text file/);
  });

  it("refuses an empty file", async () => {
    expect((await refusal("empty.vtt", new Uint8Array())).code).toBe(ImportErrorCode.empty);
  });

  it("refuses a 50 MB file before reading it, saying how large it is and what the limit is", async () => {
    const huge = new Uint8Array(50 * 1024 * 1024).fill(0x61);
    const error = await refusal("day-of-hearings.txt", huge);
    expect(error.code).toBe(ImportErrorCode.tooLarge);
    expect(error.message).toContain("50.0 MB");
    expect(error.message).toContain(`${(MAX_TRANSCRIPT_BYTES / 1024 / 1024).toFixed(1)} MB`);
  });

  it("refuses a file type it does not read, and says which ones it does", async () => {
    const error = await refusal("interview.pdf", text("%PDF-1.7"));
    expect(error.code).toBe(ImportErrorCode.unsupported);
    expect(error.message).toMatch(/\.docx.*\.vtt.*\.TextGrid/);
  });

  it("refuses captions without the WEBVTT signature, and a TextGrid that is cut short", async () => {
    expect((await refusal("c.vtt", text("00:01.000 --> 00:02.000\nhello"))).message).toMatch(
      /must start with “WEBVTT”/,
    );
    const cut =
      'File type = "ooTextFile"\nObject class = "TextGrid"\nxmin = 0\nxmax = 3\ntiers? <exists>\nsize = 1\nitem []:\n  item [1]:\n    class = "IntervalTier"\n    name = "A"\n    xmin = 0\n    xmax = 3\n    intervals: size = 2\n';
    expect((await refusal("a.TextGrid", text(cut))).message).toMatch(
      /cannot be read: the file ends in the middle of a tier/,
    );
  });
});

describe("what a person can change in the preview", () => {
  it("merges two labels of one person by renaming them to one name", async () => {
    const draft = await importTranscript({
      name: "t.rst",
      bytes: text(
        "**Ms Carey**: Good morning.\n\n**Witness**: Morning.\n\n**Lead 6**: Shall we begin?\n\n**Witness**: Yes.",
      ),
    });
    const merged = renameSpeakers(draft, { "Lead 6": "Ms Carey", Witness: "Mr Hancock" });
    expect(summarise(merged).speakers).toEqual(["Ms Carey", "Mr Hancock"]);
  });

  it("turns a label that is no speaker back into text when its name is blanked", async () => {
    const draft = await importTranscript({
      name: "t.txt",
      bytes: text("Dan: Hello.\n\nParticipant: Hi.\n\nDan: Bye.\n\nParticipant: Cheerio."),
    });
    const unlabelled = renameSpeakers(draft, { Participant: "  " });
    expect(summarise(unlabelled).speakers).toEqual(["Dan"]);
    expect(unlabelled.blocks[1]).toEqual({ kind: "turn", speaker: null, text: "Participant: Hi." });
  });

  it("drops a warning about a label once the label is merged into another speaker, or is no speaker", async () => {
    const draft = await importTranscript({
      name: "t.txt",
      bytes: text(
        "Dan: Hello.\n\nParticipant: Hi.\n\nDan: How are you?\n\nParticpant: Fine.\n\nDan: Good.\n\nParticipant: Bye.",
      ),
    });
    const misspelt = draft.warnings.filter((w) => w.startsWith("“Particpant”"));
    expect(misspelt).toHaveLength(1);
    expect(renameSpeakers(draft, { Particpant: "Participant" }).warnings).not.toContain(misspelt[0]);
    expect(renameSpeakers(draft, { Particpant: "" }).warnings).not.toContain(misspelt[0]);
    // Left as it was (spaces aside), or the other label renamed: the warning still holds.
    expect(renameSpeakers(draft, { Particpant: "Particpant " }).warnings).toContain(misspelt[0]);
    expect(renameSpeakers(draft, { Participant: "Chief Officer" }).warnings).toContain(misspelt[0]);
  });

  it("imports as plain paragraphs, keeping the labels in the text", async () => {
    const draft = await importTranscript({
      name: "t.txt",
      bytes: text("Dan: Hello.\n\nParticipant: Hi.\n\nDan: Bye."),
    });
    const plain = asPlainParagraphs(draft);
    expect(summarise(plain).speakers).toEqual([]);
    expect(plain.blocks.map((b) => b.text)).toEqual(["Dan: Hello.", "Participant: Hi.", "Dan: Bye."]);
  });
});
