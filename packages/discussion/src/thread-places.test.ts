import { applyCode, createAnchor, indexTranscript } from "@concord/anchoring";
import { codingOf, seedTranscriptUpdate, transcriptContent, writeCoding } from "@concord/schema";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { placeThreads } from "./thread-places";
import { listThreads, reattachThread, startThread } from "./threads";

function interview(): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(
    doc,
    seedTranscriptUpdate([
      { kind: "turn", speaker: "Interviewer", text: "How is co-production sustained?" },
      { kind: "turn", speaker: "Chief Officer", text: "Through trust, and through funding that lasts." },
    ]),
  );
  return doc;
}

const index = (doc: Y.Doc) => indexTranscript(transcriptContent(doc));
const turnText = (doc: Y.Doc, turn: number) =>
  ((transcriptContent(doc).get(turn) as Y.XmlElement).get(0) as Y.XmlElement).get(0) as Y.XmlText;

/** Starts a thread on the first occurrence of `passage`, and returns a function that reads where it is now. */
function threadOn(transcript: Y.Doc, discussion: Y.Doc, id: string, passage: string) {
  const at = index(transcript);
  const start = [...at.text.slice(0, at.text.indexOf(passage))].length;
  const anchor = createAnchor(at, start, start + [...passage].length);
  startThread(
    discussion,
    id,
    { kind: "passage", anchor },
    { id: `${id}-c`, authorId: "a", body: "?", mentions: [], at: 1 },
  );
}

function passages(transcript: Y.Doc, discussion: Y.Doc) {
  const now = index(transcript);
  const { placed, orphans } = placeThreads(transcript, now, listThreads(discussion));
  return {
    placed: placed.map((p) => [p.thread.id, now.text.slice(p.start, p.end)]),
    orphans: orphans.map((t) => t.id),
  };
}

describe("threads on a transcript's passages", () => {
  it("are listed in document order, and keep their passage through an owner's corrections", () => {
    const transcript = interview();
    const discussion = new Y.Doc();
    threadOn(transcript, discussion, "later", "funding that lasts");
    threadOn(transcript, discussion, "earlier", "co-production");
    turnText(transcript, 0).insert(0, "So, ");
    turnText(transcript, 1).insert(turnText(transcript, 1).length - 1, " for years");
    turnText(transcript, 1).insert(8, " mutual");
    expect(passages(transcript, discussion)).toEqual({
      placed: [
        ["earlier", "co-production"],
        ["later", "funding that lasts"],
      ],
      orphans: [],
    });
  });

  it("become orphans when their passage is deleted, stay listed, and can be attached again", () => {
    const transcript = interview();
    const discussion = new Y.Doc();
    threadOn(transcript, discussion, "t1", "trust");
    const text = turnText(transcript, 1);
    text.delete(0, text.length);
    text.insert(0, "Through relationships.");
    expect(passages(transcript, discussion)).toEqual({ placed: [], orphans: ["t1"] });
    const now = index(transcript);
    const start = now.text.indexOf("relationships");
    reattachThread(discussion, "t1", createAnchor(now, start, start + "relationships".length));
    expect(passages(transcript, discussion)).toEqual({ placed: [["t1", "relationships"]], orphans: [] });
  });

  it("on a coding follow the coding when it is attached elsewhere, and leave out threads on codes", () => {
    const transcript = interview();
    const at = index(transcript);
    const start = at.text.indexOf("trust");
    const codingId = applyCode(transcript, transcript, { start, end: start + 5 }, "code-1", "a", at);
    const discussion = new Y.Doc();
    const anchor = createAnchor(at, start, start + 5);
    startThread(
      discussion,
      "on-coding",
      { kind: "coding", codingId, anchor },
      { id: "c", authorId: "a", body: "?", mentions: [], at: 1 },
    );
    startThread(
      discussion,
      "on-code",
      { kind: "code", codeId: "code-1" },
      { id: "d", authorId: "a", body: "?", mentions: [], at: 2 },
    );
    const moved = at.text.indexOf("funding");
    const coding = codingOf(transcript, codingId);
    if (!coding) throw new Error("no coding");
    writeCoding(transcript, codingId, { ...coding, anchor: createAnchor(at, moved, moved + 7) });
    expect(passages(transcript, discussion)).toEqual({ placed: [["on-coding", "funding"]], orphans: [] });
  });
});
