import { HttpError } from "@sesame/kit/http/http-error";
import type { z } from "zod";

/**
 * Parses a form or query with its schema; anything that does not fit (a field sent twice, an
 * over-long value) is a 400 with the generic "request not valid" message, never a 500.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input ?? {});
  if (!parsed.success) throw new HttpError(400, "error.badRequest");
  return parsed.data;
}
