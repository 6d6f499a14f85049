import type { Context } from "hono";
import type { z } from "zod";
import { badRequest } from "./api-error";

/** Reads the JSON body and checks it against `schema`; a 400 with a readable message otherwise. */
export async function readBody<Schema extends z.ZodType>(
  c: Context,
  schema: Schema,
): Promise<z.infer<Schema>> {
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
