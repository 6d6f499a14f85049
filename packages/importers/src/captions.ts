/// <reference path="./webvtt-parser.d.ts" />
import { decodeHTMLStrict } from "entities";
import webvtt, { type CueNode } from "webvtt-parser";
import type { DraftBlock, DraftTurn } from "./transcript-draft";

/** One stretch of a cue said by one voice (null: the cue does not say who). */
interface Segment {
  readonly voice: string | null;
  readonly lines: string[];
  readonly start: number;
  readonly end: number;
  /** Text the cue only sets in italics with no voice: a sound, not speech. */
  readonly aside: boolean;
}

const SPEAKER_PREFIX = /^([\p{Lu}][\p{L}\p{N} .'-]{0,30}):\s+/u;

// webvtt-parser 2.2.0 decodes character references wrongly (`R&amp;D` becomes `R&;D`), so they are
// hidden from it between two private-use characters and decoded here, as HTML decodes them.
const HIDE_OPEN = "\uE000";
const HIDE_CLOSE = "\uE001";
const REFERENCE = /&(#x[0-9a-f]+|#\d+|[a-z][a-z0-9]*);/gi;
const HIDDEN = /\uE000([^\uE001]*)\uE001/g;

function hideReferences(vtt: string): string {
  return vtt.replace(REFERENCE, (_, body: string) => HIDE_OPEN + body + HIDE_CLOSE);
}

function revealReferences(text: string): string {
  return text.replace(HIDDEN, (_, body: string) => decodeHTMLStrict(`&${body};`));
}

function textOf(nodes: readonly CueNode[] | undefined): string {
  let text = "";
  for (const node of nodes ?? []) {
    if (node.type === "text") text += revealReferences(String(node.value ?? ""));
    else if (node.type === "object") text += textOf(node.children);
  }
  return text;
}

/** Times to the millisecond, as captions write them (and without floating-point dust). */
function milliseconds(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}

function voiceName(raw: string): string {
  const name = raw.trim();
  return /^\d+$/.test(name) ? `Speaker ${name}` : name;
}

/**
 * A cue's stretches by voice. Every voice span starts a stretch of its own, with the cue's times,
 * even one that is not closed before the next (`<v Samir>…` then `<v Joan>Exactly.`), which the
 * parser nests inside the first.
 */
function segmentsOf(cue: { startTime: number; endTime: number; tree: { children: CueNode[] } }): Segment[] {
  const segments: Segment[] = [];
  let current: { voice: string | null; text: string; aside: boolean } | null = null;
  const flush = () => {
    if (current?.text.trim()) {
      segments.push({
        voice: current.voice,
        lines: current.text.split("\n"),
        start: cue.startTime,
        end: cue.endTime,
        aside: current.voice === null && current.aside,
      });
    }
    current = null;
  };
  const visit = (nodes: readonly CueNode[], voice: string | null, italic: boolean) => {
    for (const node of nodes) {
      if (node.type === "object" && node.name === "v") {
        flush();
        visit(node.children ?? [], voiceName(revealReferences(String(node.value ?? ""))), italic);
        flush();
      } else if (node.type === "text") {
        const piece = revealReferences(String(node.value ?? ""));
        if (current?.voice !== voice) {
          flush();
          current = { voice, text: "", aside: true };
        }
        const stretch = current as { voice: string | null; text: string; aside: boolean };
        // Text set only in italics, with no voice, is a sound (`<i>Laughter</i>`), not speech.
        if (piece.trim() && !italic) stretch.aside = false;
        stretch.text += piece;
      } else if (node.type === "object") {
        visit(node.children ?? [], voice, italic || node.name === "i");
      }
    }
  };
  visit(cue.tree.children, null, false);
  flush();
  return segments;
}

function titleCase(label: string): string {
  return label
    .toLowerCase()
    .replace(/(^|[\s'-])(\p{L})/gu, (_, gap: string, letter: string) => gap + letter.toUpperCase());
}

/** SubRip into WebVTT: a signature line and full stops in the times are all that differ for us. */
export function srtToVtt(srt: string): string {
  return `WEBVTT\n\n${srt.replace(/(\d+:\d{2}:\d{2}),(\d{1,3})/g, "$1.$2")}`;
}

/**
 * Reads WebVTT (or SubRip, converted) captions into turns. The speaker comes from a voice tag
 * (`<v Name>`, numeric voices become "Speaker 0") or a `NAME:` prefix, and is carried forward to
 * cues that do not name one; consecutive cues of one speaker join into a turn with the first cue's
 * start and the last cue's end. Rolling captions that repeat the previous line (YouTube's) are
 * de-duplicated; text set only in italics without a voice (`<i>Laughter</i>`) becomes a note.
 */
export function parseCaptions(vtt: string): { blocks: DraftBlock[]; warnings: string[]; cues: number } {
  const parsed = new webvtt.WebVTTParser().parse(hideReferences(vtt), "metadata");
  const segments = parsed.cues.flatMap(segmentsOf);
  const firstLines = parsed.cues.map((cue) => textOf(cue.tree.children).split("\n")[0]?.trim() ?? "");
  const lastLines = parsed.cues.map(
    (cue) => textOf(cue.tree.children).trim().split("\n").at(-1)?.trim() ?? "",
  );
  let repeats = 0;
  for (let i = 1; i < parsed.cues.length; i++)
    if (firstLines[i] && firstLines[i] === lastLines[i - 1]) repeats += 1;
  const rolling = parsed.cues.length > 2 && repeats / (parsed.cues.length - 1) >= 0.3;

  const blocks: DraftBlock[] = [];
  let current: { speaker: string | null; parts: string[]; start: number; end: number } | null = null;
  let speaker: string | null = null;
  let lastLine = "";
  const endTurn = () => {
    if (current && current.parts.length > 0) {
      const turn: DraftTurn = {
        kind: "turn",
        speaker: current.speaker,
        text: current.parts.join(" ").replace(/\s+/g, " ").trim(),
        start: milliseconds(current.start),
        end: milliseconds(current.end),
      };
      blocks.push(turn);
    }
    current = null;
  };
  for (const segment of segments) {
    let lines = segment.lines.map((line) => line.trim()).filter(Boolean);
    if (rolling) {
      lines = lines.filter((line) => line !== lastLine);
      if (segment.lines.length > 0)
        lastLine =
          segment.lines
            .map((l) => l.trim())
            .filter(Boolean)
            .at(-1) ?? lastLine;
    }
    if (lines.length === 0) continue;
    if (segment.aside && segment.voice === null) {
      endTurn();
      blocks.push({ kind: "note", text: lines.join(" ") });
      continue;
    }
    let voice = segment.voice;
    const prefix = SPEAKER_PREFIX.exec(lines[0] as string);
    if (voice === null && prefix) {
      const label = (prefix[1] as string).trim();
      // Subtitles shout speaker names ("DOCTOR:"); people call them "Doctor".
      voice = label === label.toUpperCase() && /\p{L}{3}/u.test(label) ? titleCase(label) : label;
      lines[0] = (lines[0] as string).slice(prefix[0].length);
    }
    speaker = voice ?? speaker;
    const active = current as { speaker: string | null; parts: string[]; start: number; end: number } | null;
    if (active && active.speaker === speaker) {
      active.parts.push(...lines);
      active.end = Math.max(active.end, segment.end);
    } else {
      endTurn();
      current = { speaker, parts: [...lines], start: segment.start, end: segment.end };
    }
  }
  endTurn();
  const warnings = rolling
    ? ["These look like rolling captions (each cue repeats the last line); repeated lines were dropped."]
    : [];
  return { blocks, warnings, cues: parsed.cues.length };
}
