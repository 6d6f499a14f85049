// Types for the parts of the W3C webvtt-parser package (plain JavaScript) that Concord uses.
declare module "webvtt-parser" {
  export interface CueNode {
    type: "text" | "object" | "timestamp";
    /** Tag name of an object node: v, c, i, b, u, ruby, lang. */
    name?: string;
    /** Text of a text node; the voice of a `v` node; seconds of a timestamp. */
    value?: string | number;
    classes?: string[];
    children?: CueNode[];
  }
  export interface Cue {
    id: string;
    startTime: number;
    endTime: number;
    text: string;
    tree: { children: CueNode[] };
  }
  export interface ParseResult {
    cues: Cue[];
    errors: { message: string; line: number }[];
  }
  export class WebVTTParser {
    parse(input: string, mode?: "metadata" | "chapters"): ParseResult;
  }
  // The package assigns its exports at run time, which Node's ESM loader cannot see as named exports.
  const webvtt: { WebVTTParser: typeof WebVTTParser };
  export default webvtt;
}
