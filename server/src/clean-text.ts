// Characters no reader should see in a name or a transcript: controls (a NUL, a bell), the
// direction overrides that make a name read as another, and lone surrogates (broken UTF-16).
const CONTROLS = /(?![\t\n])\p{Cc}/gu;
const DIRECTION_OVERRIDES = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// Invisible in a label, so that "Trust" followed by one reads as another code's name.
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/g;
const LONE_SURROGATES = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** A one-line label (a name, a speaker, an attribute) without controls, overrides or broken characters. */
export function cleanLabel(value: string): string {
  return value
    .replace(LONE_SURROGATES, "\ufffd")
    .replace(/[\t\n]/g, " ")
    .replace(CONTROLS, "")
    .replace(DIRECTION_OVERRIDES, "")
    .replace(ZERO_WIDTH, "")
    .trim();
}

/** Text that keeps its tabs and line breaks, without other controls or broken characters. */
export function cleanText(value: string): string {
  return value.replace(LONE_SURROGATES, "\ufffd").replace(/\r\n?/g, "\n").replace(CONTROLS, "");
}
