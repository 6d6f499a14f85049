import { Unzip, UnzipInflate } from "fflate";

/** The most a Word file may unpack to: a day's hearing unpacks to a few megabytes. */
export const MAX_UNPACKED_BYTES = 200 * 1024 * 1024;

/**
 * How many bytes a zip archive (a .docx) unpacks to, counted by unpacking it chunk by chunk and
 * stopping as soon as the count passes `limit` (the sizes an archive declares can lie). Returns
 * null when it passes, else the count. Nothing unpacked is kept.
 */
export function unpackedSize(bytes: Uint8Array, limit: number = MAX_UNPACKED_BYTES): number | null {
  let total = 0;
  let over = false;
  const unzip = new Unzip((file) => {
    file.ondata = (error, chunk) => {
      if (error) throw error;
      total += chunk.byteLength;
      if (total > limit && !over) {
        over = true;
        file.terminate();
      }
    };
    if (!over) file.start();
  });
  unzip.register(UnzipInflate);
  // Pushed in slices so that a bomb is stopped after the slice that passes the limit.
  const slice = 64 * 1024;
  for (let at = 0; at < bytes.byteLength && !over; at += slice) {
    unzip.push(bytes.subarray(at, Math.min(bytes.byteLength, at + slice)), at + slice >= bytes.byteLength);
  }
  return over ? null : total;
}
