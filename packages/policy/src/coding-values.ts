import { decodeAnchorPosition } from "@concord/anchoring";
import { type Coding, isId } from "@concord/schema";

const CODING_KEYS = new Set(["codeId", "coderId", "anchor", "createdAt", "note"]);
const MAX_CODING_TEXT = 400_000;
const MAX_CONTEXT = 512;
/** 2017-01-01: nothing coded in Concord is older. */
const EARLIEST = 1_483_228_800_000;
const A_DAY = 24 * 60 * 60 * 1000;

/**
 * Whether a time a client writes (a coding's, a code's, a memo's last edit) can be a real one: after
 * 2017 and no more than a day ahead of the server's clock (clients' clocks drift; no further).
 */
export function isPlausibleTime(value: unknown, now: number): value is number {
  return typeof value === "number" && value >= EARLIEST && value <= now + A_DAY;
}

function isRelativePosition(encoded: unknown): boolean {
  return typeof encoded === "string" && encoded.length <= 512 && decodeAnchorPosition(encoded) !== null;
}

/**
 * The coding a codings-map value holds, checked strictly (as new values must be): JSON text of
 * {@link Coding} with nothing else in it, ids that are ids, an anchor whose positions decode, a
 * creation time that is a time. Returns why not as a string.
 */
export function parseNewCoding(value: unknown, now: number): Coding | string {
  if (typeof value !== "string") return "a coding is stored as its JSON text";
  if (value.length > MAX_CODING_TEXT) return "a coding too large";
  let coding: Record<string, unknown>;
  try {
    coding = JSON.parse(value);
  } catch {
    return "a coding that is not JSON";
  }
  if (typeof coding !== "object" || coding === null || Array.isArray(coding))
    return "a coding that is not an object";
  for (const key of Object.keys(coding)) if (!CODING_KEYS.has(key)) return `a coding has no "${key}"`;
  const { codeId, coderId, anchor, createdAt, note } = coding;
  if (typeof codeId !== "string" || !isId(codeId)) return "a coding's code is not an id";
  if (typeof coderId !== "string" || !isId(coderId)) return "a coding's coder is not an id";
  if (!isPlausibleTime(createdAt, now)) {
    return "a coding's time is not a time";
  }
  if (note !== undefined && (typeof note !== "string" || note.length > 10_000))
    return "a coding's note is not text";
  const a = anchor as { start?: unknown; end?: unknown; quote?: Record<string, unknown> } | null;
  if (typeof a !== "object" || a === null || !isRelativePosition(a.start) || !isRelativePosition(a.end)) {
    return "a coding's anchor does not hold two positions";
  }
  const quote = a.quote;
  if (
    typeof quote !== "object" ||
    quote === null ||
    typeof quote.exact !== "string" ||
    typeof quote.prefix !== "string" ||
    typeof quote.suffix !== "string" ||
    quote.prefix.length > MAX_CONTEXT ||
    quote.suffix.length > MAX_CONTEXT ||
    Object.keys(a).some((k) => k !== "start" && k !== "end" && k !== "quote")
  ) {
    return "a coding's quote is not a quote";
  }
  return coding as unknown as Coding;
}

/** Whose a stored coding value is (either shape Concord has stored), or null if it is not a coding. */
export function coderOf(value: unknown): string | null {
  let coding: unknown = value;
  if (typeof value === "string") {
    try {
      coding = JSON.parse(value);
    } catch {
      return null;
    }
  }
  const coderId = (coding as { coderId?: unknown } | null)?.coderId;
  return typeof coderId === "string" ? coderId : null;
}

/** A stored coding value read loosely, for recording what was removed. */
export function readStoredCoding(value: unknown): Partial<Coding> {
  try {
    const coding = typeof value === "string" ? JSON.parse(value) : value;
    return typeof coding === "object" && coding !== null ? coding : {};
  } catch {
    return {};
  }
}
