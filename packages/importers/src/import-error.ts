/** Why a file could not be imported, as a code for programs and a sentence for people. */
export const ImportErrorCode = {
  empty: "empty",
  tooLarge: "too-large",
  binary: "binary",
  unsupported: "unsupported-format",
  damaged: "damaged",
  noText: "no-text",
} as const;

/** One of the import error codes. */
export type ImportErrorCode = (typeof ImportErrorCode)[keyof typeof ImportErrorCode];

/**
 * A file that cannot be imported. The message names the file and the reason in words a researcher
 * understands; nothing of the file is kept.
 */
export class ImportError extends Error {
  override readonly name = "ImportError";
  constructor(
    readonly code: ImportErrorCode,
    readonly fileName: string,
    reason: string,
  ) {
    super(`${fileName}: ${reason}`);
  }
}
