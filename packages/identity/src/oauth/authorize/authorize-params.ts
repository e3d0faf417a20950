import { z } from "zod";

const text = (max = 2048) => z.string().max(max).optional();

/** Authorize query parameters; unknown ones are ignored as Entra does. Empty `response_mode=` = default. */
export const authorizeParams = z.object({
  client_id: text(100),
  redirect_uri: text(),
  response_type: text(100),
  response_mode: z
    .string()
    .max(20)
    .optional()
    .transform((v) => (v ? v : undefined)),
  scope: text(),
  resource: text(),
  state: text(4096),
  nonce: text(512),
  prompt: text(40),
  /** Seconds since the user's last sign-in beyond which they must sign in again (0: always). */
  max_age: text(20),
  login_hint: text(254),
  domain_hint: text(254),
  code_challenge: text(200),
  code_challenge_method: text(20),
  /** `1`: the response carries `client_info` (MSAL's home account id), beside the code. */
  client_info: text(10),
  /** Appended by the login page / account picker when they send the browser back (see authorize-routes). */
  sid: text(100),
  login_started: text(20),
});

export type AuthorizeParams = z.infer<typeof authorizeParams>;
export type ResponseMode = "query" | "fragment" | "form_post";
