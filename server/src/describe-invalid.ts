import type { z } from "zod";

/** The first problem zod found, as a sentence naming the field: `blocks.3.text: A block of text is too long.` */
export function describeInvalid(error: z.ZodError): string {
  const issue = error.issues[0];
  const field = issue?.path.join(".");
  return field ? `${field}: ${issue?.message}` : (issue?.message ?? "The request is not valid.");
}
