import type { Context } from "hono";
import type { z } from "zod";
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
  const type = (c.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
  if (type !== "application/json")
    throw new ApiError(415, ErrorCode.unsupportedMediaType, "Send the request body as application/json.");
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw badRequest("The request body must be JSON.");
  }
  const result = schema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue?.path.join(".");
    throw badRequest(field ? `${field}: ${issue?.message}` : (issue?.message ?? "The request is not valid."));
  }
  return result.data;
}
