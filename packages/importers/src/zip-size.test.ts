import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Zip, ZipDeflate } from "fflate";
import { describe, expect, it } from "vitest";
import { ImportError, ImportErrorCode } from "./import-error";
import { importTranscript } from "./import-transcript";
import { unpackedSize } from "./zip-size";

/** A zip whose one member unpacks to `megabytes` of zeros while the archive itself stays small. */
function zipBomb(megabytes: number): Uint8Array {
  const parts: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    parts.push(chunk);
  });
  const member = new ZipDeflate("word/document.xml", { level: 1 });
  zip.add(member);
  const zeros = new Uint8Array(1024 * 1024);
  for (let i = 0; i < megabytes; i++) member.push(zeros, i === megabytes - 1);
  zip.end();
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.byteLength;
  }
  return bytes;
}

describe("a Word file's unpacked size", () => {
  it("is counted for a real Word file", () => {
    const docx = readFileSync(
      fileURLToPath(new URL("../../../../shared/fixtures/docx/qualcoder_ID1.docx", import.meta.url)),
    );
    expect(unpackedSize(docx)).toBeGreaterThan(docx.byteLength);
  });

  it("refuses a zip bomb as too large, saying so, without unpacking it", async () => {
    const bomb = zipBomb(210);
    expect(bomb.byteLength).toBeLessThan(2 * 1024 * 1024);
    expect(unpackedSize(bomb, 10 * 1024 * 1024)).toBeNull();
    let refused: unknown;
    try {
      await importTranscript({ name: "bomb.docx", bytes: bomb });
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(ImportError);
    expect((refused as ImportError).code).toBe(ImportErrorCode.tooLarge);
    expect((refused as ImportError).message).toMatch(
      /^bomb\.docx: this Word file unpacks to more than 200(\.0)? MB/,
    );
  });
});
