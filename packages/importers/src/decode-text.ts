/** Text decoded from a file's bytes, with what was repaired on the way. */
export interface DecodedText {
  readonly text: string;
  readonly warnings: string[];
}

/** Thrown for bytes that are not text at all. */
export class NotTextError extends Error {
  override readonly name = "NotTextError";
}

// Windows-1252 puts these characters at bytes 0x80–0x9F; mojibake made through it shows them.
const CP1252_HIGH: Record<string, number> = {
  "€": 0x80,
  "‚": 0x82,
  ƒ: 0x83,
  "„": 0x84,
  "…": 0x85,
  "†": 0x86,
  "‡": 0x87,
  ˆ: 0x88,
  "‰": 0x89,
  Š: 0x8a,
  "‹": 0x8b,
  Œ: 0x8c,
  Ž: 0x8e,
  "‘": 0x91,
  "’": 0x92,
  "“": 0x93,
  "”": 0x94,
  "•": 0x95,
  "–": 0x96,
  "—": 0x97,
  "˜": 0x98,
  "™": 0x99,
  š: 0x9a,
  "›": 0x9b,
  œ: 0x9c,
  ž: 0x9e,
  Ÿ: 0x9f,
};
const CONTINUATION = `[\\u0080-\\u00BF${Object.keys(CP1252_HIGH).join("")}]`;
// A UTF-8 lead byte (as Latin-1/Windows-1252) followed by one to three continuation bytes.
const MOJIBAKE = new RegExp(`[\\u00C2-\\u00F4]${CONTINUATION}{1,3}`, "gu");

const utf8 = new TextDecoder("utf-8", { fatal: true });
const FROM_CP1252_HIGH = new Map(Object.entries(CP1252_HIGH).map(([char, byte]) => [byte, char]));

/** Windows-1252, decoded by hand: Node's TextDecoder treats the label as Latin-1 in some builds. */
function decodeWindows1252(bytes: Uint8Array): string {
  let text = "";
  for (const byte of bytes) text += FROM_CP1252_HIGH.get(byte) ?? String.fromCharCode(byte);
  return text;
}

function asByte(char: string): number | null {
  const code = char.codePointAt(0) as number;
  if (code <= 0xff) return code;
  return CP1252_HIGH[char] ?? null;
}

/**
 * Repairs UTF-8 text that was once decoded as Latin-1 or Windows-1252 and encoded again ("â€”" for
 * "—", "Ã©" for "é"). Only sequences that decode to exactly one valid character are replaced.
 */
export function repairMojibake(text: string): { text: string; repaired: number } {
  let repaired = 0;
  const fixed = text.replace(MOJIBAKE, (run) => {
    const bytes = [...run].map(asByte);
    if (bytes.some((b) => b === null)) return run;
    try {
      const decoded = utf8.decode(Uint8Array.from(bytes as number[]));
      if ([...decoded].length !== 1 || (decoded.codePointAt(0) ?? 0) < 0x80) return run;
      repaired += 1;
      return decoded;
    } catch {
      return run;
    }
  });
  return { text: fixed, repaired };
}

function looksBinary(text: string): boolean {
  const sample = text.slice(0, 8192);
  if (sample.includes("\0")) return true;
  let controls = 0;
  for (let i = 0; i < sample.length; i++) {
    const unit = sample.charCodeAt(i);
    // Control characters other than tab, newline, form feed and carriage return, or replacement marks.
    if ((unit < 0x20 && unit !== 0x09 && unit !== 0x0a && unit !== 0x0c && unit !== 0x0d) || unit === 0xfffd)
      controls += 1;
  }
  return sample.length > 0 && controls / sample.length > 0.05;
}

/**
 * Decodes a text file: UTF-8 (with or without BOM), UTF-16 with a BOM, or, failing UTF-8, Windows-1252
 * (with a warning). Line endings become `\n`; mojibake is repaired with a warning. Throws
 * {@link NotTextError} for binary data.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  const warnings: string[] = [];
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    text = new TextDecoder("utf-16le").decode(bytes.subarray(2));
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    text = new TextDecoder("utf-16be").decode(bytes.subarray(2));
  } else {
    const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
    try {
      text = utf8.decode(body);
    } catch {
      if (looksBinary(decodeWindows1252(body.subarray(0, 8192)))) throw new NotTextError("binary data");
      text = decodeWindows1252(body);
      warnings.push(
        "The file is not UTF-8; it was read as Windows-1252 (Western European). Check accented letters.",
      );
    }
  }
  if (looksBinary(text)) throw new NotTextError("binary data");
  text = text.replace(/\r\n?/g, "\n");
  const { text: repairedText, repaired } = repairMojibake(text);
  if (repaired > 0) {
    warnings.push(
      `Repaired ${repaired} garbled character${repaired === 1 ? "" : "s"} (text that had been through the wrong encoding, such as “â€”” for “—”).`,
    );
  }
  return { text: repairedText, warnings };
}
