import { type ZodRawShape, z } from "zod";

/**
 * The body schema of a browser form: its fields plus the CSRF token, which the CSRF check reads
 * after parsing (a schema without it would strip it). Fields are read as text here; what they
 * must contain is checked by the feature's rules, which re-render the form with a message per field.
 */
export function formBody<S extends ZodRawShape>(fields: S) {
  return z.object({ _csrf: z.string().optional(), ...fields });
}

/** A text field that may be missing (an unticked box, an older form). */
export const optionalText = z.string().optional();

/** A query parameter read as text; a repeated one (an array) counts as absent rather than a 400. */
export const queryText = z.string().optional().catch(undefined);
