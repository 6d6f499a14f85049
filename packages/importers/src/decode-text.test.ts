import { describe, expect, it } from "vitest";
import { decodeText, NotTextError, repairMojibake } from "./decode-text";

const encoder = new TextEncoder();

describe("decoding a transcript's bytes", () => {
  it("reads UTF-8 with and without a byte order mark, and turns CRLF into LF", () => {
    expect(decodeText(encoder.encode("Dan: hello\r\nParticipant: hi")).text).toBe(
      "Dan: hello\nParticipant: hi",
    );
    expect(decodeText(Uint8Array.of(0xef, 0xbb, 0xbf, ...encoder.encode("£5 à la carte"))).text).toBe(
      "£5 à la carte",
    );
  });

  it("reads UTF-16 with a byte order mark, little- and big-endian", () => {
    const text = "Ms Carey: £ • 😀";
    const le = Uint8Array.of(
      0xff,
      0xfe,
      ...new Uint8Array(Uint16Array.from([...text].flatMap(utf16)).buffer),
    );
    expect(decodeText(le).text).toBe(text);
    const be = Uint8Array.of(
      0xfe,
      0xff,
      ...[...text].flatMap(utf16).flatMap((unit) => [unit >> 8, unit & 0xff]),
    );
    expect(decodeText(be).text).toBe(text);
  });

  it("falls back to Windows-1252 for text that is not UTF-8, and says so", () => {
    const decoded = decodeText(Uint8Array.of(0x43, 0x61, 0x66, 0xe9, 0x20, 0x96, 0x20, 0x80, 0x35));
    expect(decoded.text).toBe("Café – €5");
    expect(decoded.warnings[0]).toMatch(/Windows-1252/);
  });

  it("repairs mojibake and says how much it repaired", () => {
    const decoded = decodeText(
      encoder.encode("When we e-mailedâ\u0080\u0094 and cafÃ© and â€œquotesâ€\u009d"),
    );
    expect(decoded.text).toBe("When we e-mailed— and café and “quotes”");
    expect(decoded.warnings[0]).toMatch(/Repaired 4 garbled characters/);
  });

  it("leaves correct accented text alone", () => {
    expect(repairMojibake("Ã la carte? No: à la carte, naïve, São Paulo").repaired).toBe(0);
  });

  it("refuses binary data", () => {
    expect(() => decodeText(Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 1, 2, 3))).toThrow(
      NotTextError,
    );
  });
});

function utf16(char: string): number[] {
  const units: number[] = [];
  for (let i = 0; i < char.length; i++) units.push(char.charCodeAt(i));
  return units;
}
