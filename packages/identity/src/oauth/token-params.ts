import { z } from "zod";
import { AadstsError } from "../protocol/aadsts";

/** RFC 8628's grant type; MSAL sends the short `device_code`, which Entra accepts too. */
export const DEVICE_CODE_GRANTS = ["urn:ietf:params:oauth:grant-type:device_code", "device_code"] as const;
const GRANT_TYPES = [
  "client_credentials",
  "authorization_code",
  "refresh_token",
  "password",
  ...DEVICE_CODE_GRANTS,
];

const optional = (max: number) => z.string().max(max).optional();
/** Present and not empty: Entra reports an empty value as the parameter missing (AADSTS900144). */
const required = (max: number) => z.string().min(1).max(max);

/**
 * Every parameter the token and device code endpoints read, as the route schema of both the form
 * body and the query string (Entra tolerates either; the body wins). Unknown ones are dropped.
 */
export const tokenFields = z.object({
  grant_type: optional(200),
  client_id: optional(100),
  client_secret: optional(1024),
  client_assertion: optional(16_384),
  client_assertion_type: optional(200),
  client_info: optional(10),
  code: optional(4096),
  redirect_uri: optional(2048),
  code_verifier: optional(200),
  refresh_token: optional(4096),
  device_code: optional(200),
  scope: optional(4096),
  resource: optional(2048),
  username: optional(254),
  password: optional(1024),
});
export type TokenFields = z.infer<typeof tokenFields>;

const client = {
  client_id: optional(100),
  client_secret: optional(1024),
  client_assertion: optional(16_384),
  client_assertion_type: optional(200),
  client_info: optional(10),
};

/** A token request, typed per grant: what each grant needs is there, or the request is refused. */
export const tokenRequest = z.discriminatedUnion("grant_type", [
  z.object({
    grant_type: z.literal("authorization_code"),
    code: required(4096),
    redirect_uri: required(2048),
    code_verifier: optional(200),
    ...client,
  }),
  z.object({
    grant_type: z.literal("refresh_token"),
    refresh_token: required(4096),
    scope: optional(4096),
    ...client,
  }),
  z.object({
    grant_type: z.literal("client_credentials"),
    scope: optional(4096),
    resource: optional(2048),
    ...client,
  }),
  z.object({ grant_type: z.enum(DEVICE_CODE_GRANTS), device_code: required(200), ...client }),
  z.object({
    grant_type: z.literal("password"),
    username: required(254),
    password: required(1024),
    scope: optional(4096),
    resource: optional(2048),
    ...client,
  }),
]);
export type TokenRequest = z.infer<typeof tokenRequest>;
export type CodeRequest = Extract<TokenRequest, { grant_type: "authorization_code" }>;
export type RefreshRequest = Extract<TokenRequest, { grant_type: "refresh_token" }>;
export type ClientCredentialsRequest = Extract<TokenRequest, { grant_type: "client_credentials" }>;
export type PasswordRequest = Extract<TokenRequest, { grant_type: "password" }>;
export type DeviceCodeRequest = Extract<TokenRequest, { grant_type: (typeof DEVICE_CODE_GRANTS)[number] }>;
/** How the client authenticates, in any grant. */
export type ClientParams = Pick<TokenFields, keyof typeof client>;

/**
 * Query string and body merged (the body wins), then typed by grant, with Entra's errors. ADAL polls
 * the v1 endpoint with the device code in `code` (adal-python `token_request.py`): v1 reads it there.
 */
export function parseTokenRequest(
  query: TokenFields,
  body: TokenFields | null | undefined,
  version: "1" | "2" = "2",
): TokenRequest {
  const merged = { ...query, ...body };
  const deviceGrant = (DEVICE_CODE_GRANTS as readonly string[]).includes(merged.grant_type ?? "");
  if (version === "1" && deviceGrant && !merged.device_code && merged.code) merged.device_code = merged.code;
  if (!merged.grant_type) throw new AadstsError(900144, { name: "grant_type" });
  if (!GRANT_TYPES.includes(merged.grant_type)) throw new AadstsError(70003, { grant: merged.grant_type });
  const parsed = tokenRequest.safeParse(merged);
  if (parsed.success) return parsed.data;
  const name = parsed.error.issues[0]?.path[0];
  if (typeof name === "string") throw new AadstsError(900144, { name });
  throw new AadstsError(9002313, {}, "invalid_request");
}
