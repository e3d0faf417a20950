import { z } from "zod";

/** Fields are read as text here; the feature's rules check their content and re-render the form. */
export { formBody } from "@sesame/kit/http/form-body";

/** A text field that may be missing (an unticked box, an older form). */
export const optionalText = z.string().optional();

/** A query parameter read as text; a repeated one (an array) counts as absent rather than a 400. */
export const queryText = z.string().optional().catch(undefined);
