import type { Node } from "prosemirror-model";
import type { NodeView } from "prosemirror-view";
import { PERSON_PALETTE } from "./person-colours";

/** "m:ss" or "h:mm:ss" for a time in seconds. */
export function formatTime(seconds: number): string {
  const whole = Math.floor(seconds);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = String(whole % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

/** Colour for a speaker's name in the gutter, stable for the name, readable on white (4.5:1). */
function speakerColour(speaker: string): string {
  let hash = 0;
  for (const char of speaker) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) % PERSON_PALETTE.length;
  return PERSON_PALETTE[hash] as string;
}

/**
 * A turn with its speaker (and time, when known) in a gutter beside its paragraphs. The gutter is not
 * editable and not part of the text, so selections and offsets never include the label.
 */
export class TurnView implements NodeView {
  readonly dom: HTMLElement;
  readonly contentDOM: HTMLElement;
  private readonly kind: string;
  private readonly speaker: unknown;
  private readonly start: unknown;

  constructor(node: Node) {
    this.kind = node.type.name;
    this.speaker = node.attrs.speaker;
    this.start = node.attrs.start;
    this.dom = document.createElement("div");
    this.dom.className = node.type.name === "turn" ? "turn" : "note";
    const gutter = document.createElement("div");
    gutter.className = "turn-gutter";
    gutter.contentEditable = "false";
    if (node.type.name === "turn" && node.attrs.speaker) {
      const speaker = document.createElement("span");
      speaker.className = "speaker";
      speaker.textContent = node.attrs.speaker as string;
      speaker.style.color = speakerColour(node.attrs.speaker as string);
      gutter.append(speaker);
    }
    if (typeof node.attrs.start === "number") {
      const time = document.createElement("span");
      time.className = "time";
      time.textContent = formatTime(node.attrs.start);
      gutter.append(time);
    }
    // A turn holds paragraphs; a note holds its text itself.
    this.contentDOM = document.createElement(node.type.name === "turn" ? "div" : "p");
    this.contentDOM.className = "turn-text";
    this.dom.append(gutter, this.contentDOM);
  }

  update(node: Node): boolean {
    // A changed speaker or time re-creates the view; text changes go to contentDOM.
    return (
      node.type.name === this.kind && node.attrs.speaker === this.speaker && node.attrs.start === this.start
    );
  }
}
