import { describe, expect, it } from "vitest";
import { parseCaptions, srtToVtt } from "./captions";

const read = (vtt: string) =>
  parseCaptions(vtt).blocks.map((block) =>
    block.kind === "turn" ? [block.speaker, block.text, block.start, block.end] : ["note", block.text],
  );

describe("reading captions", () => {
  it("joins consecutive cues of one voice into a turn with the first start and the last end", () => {
    expect(
      read(
        "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Ann>Hello\n\n00:02.000 --> 00:03.500\n<v Ann>there\n\n00:04.000 --> 00:05.000\n<v Bob>Hi",
      ),
    ).toEqual([
      ["Ann", "Hello there", 1, 3.5],
      ["Bob", "Hi", 4, 5],
    ]);
  });

  it("carries a voice forward to cues that do not name one", () => {
    expect(
      read(
        "WEBVTT\n\n00:01.000 --> 00:02.000\n<v 0>One</v>\n\n00:02.000 --> 00:03.000\ntwo\n\n00:03.000 --> 00:04.000\n<v 1>Three",
      ),
    ).toEqual([
      ["Speaker 0", "One two", 1, 3],
      ["Speaker 1", "Three", 3, 4],
    ]);
  });

  it("splits a cue with two voices, and keeps italic asides as notes", () => {
    expect(
      read("WEBVTT\n\n00:04.000 --> 00:05.000\n<v Chris>Okay.</v>\n<v Kyle>Oh, now?</v>\n<i>Laughter</i>"),
    ).toEqual([
      ["Chris", "Okay.", 4, 5],
      ["Kyle", "Oh, now?", 4, 5],
      ["note", "Laughter"],
    ]);
  });

  it("reads NAME: prefixes in SubRip, in the case people use", () => {
    const srt =
      "1\n00:00:02,487 --> 00:00:03,363\nDOCTOR: Hello?\n\n2\n00:00:03,647 --> 00:00:05,110\nPATIENT: Hello?\n";
    expect(read(srtToVtt(srt))).toEqual([
      ["Doctor", "Hello?", 2.487, 3.363],
      ["Patient", "Hello?", 3.647, 5.11],
    ]);
  });

  it("drops the repeated line of rolling captions", () => {
    const vtt =
      "WEBVTT\n\n00:01.000 --> 00:02.000\nthe first line\n\n00:02.000 --> 00:03.000\nthe first line\nthen the second\n\n00:03.000 --> 00:04.000\nthen the second\nand a third";
    const result = parseCaptions(vtt);
    expect(result.blocks).toEqual([
      { kind: "turn", speaker: null, text: "the first line then the second and a third", start: 1, end: 4 },
    ]);
    expect(result.warnings[0]).toMatch(/rolling captions/);
  });
});

describe("voices and characters in captions", () => {
  it("gives every voice span of a cue its own turn with the cue's time, closed or not", () => {
    expect(
      read(
        "WEBVTT\n\n00:01.000 --> 00:04.000\n<v Samir>So we pooled the budgets.\n<v Joan>Exactly.\n\n00:05.000 --> 00:06.000\n<v Samir>And then?",
      ),
    ).toEqual([
      ["Samir", "So we pooled the budgets.", 1, 4],
      ["Joan", "Exactly.", 1, 4],
      ["Samir", "And then?", 5, 6],
    ]);
    expect(read("WEBVTT\n\n00:01.000 --> 00:02.000\n<v Samir>Budgets. <v Joan>Exactly.")).toEqual([
      ["Samir", "Budgets.", 1, 2],
      ["Joan", "Exactly.", 1, 2],
    ]);
  });

  it("keeps every ampersand and character reference as the characters they stand for", () => {
    expect(
      read(
        "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Ana &amp; Bo>R&amp;D spend &lt; 5&nbsp;% &#169; &#x2014; AT&T & more; &notareference;",
      ),
    ).toEqual([["Ana & Bo", "R&D spend < 5 % © — AT&T & more; &notareference;", 1, 2]]);
  });
});
