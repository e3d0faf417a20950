import { type ZodRawShape, z } from "zod";

/**
 * The body schema of a browser form: its fields plus the CSRF token, which the CSRF check reads
 * after parsing (a schema without it would strip it, and every post would be refused as forged).
 */
export function formBody<S extends ZodRawShape>(fields: S) {
  return z.object({ _csrf: z.string().optional(), ...fields });
}
