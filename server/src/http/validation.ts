import type { Context } from "hono";
import type { z } from "zod";
import { describeInvalid } from "../describe-invalid";
import { ApiError, badRequest, ErrorCode } from "./api-error";

/**
 * Reads the JSON body and checks it against `schema`; a 400 with a readable message otherwise. The
 * body must say it is `application/json` (415 otherwise): a form on another site can send only form
 * encodings and plain text, so it can never make a request the API reads.
 */
export async function readBody<Schema extends z.ZodType>(
  c: Context,
  schema: Schema,
): Promise<z.infer<Schema>> {
  requireJson(c);
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw badRequest("The request body must be JSON.");
  }
  const result = schema.safeParse(body);
  if (!result.success) throw badRequest(describeInvalid(result.error));
  return result.data;
}

/** Refuses (415) a request whose body does not say it is `application/json`; see {@link readBody}. */
export function requireJson(c: Context): void {
  const type = (c.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
  if (type !== "application/json")
    throw new ApiError(415, ErrorCode.unsupportedMediaType, "Send the request body as application/json.");
}
