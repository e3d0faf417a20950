import { decodeJwt } from "jose";
import type { IdentityFetch } from "../identity-client/identity-fetch";

export interface ConsentAuthor {
  readonly tenantId: string;
  readonly oid: string;
  readonly name: string | null;
  readonly permissions: string;
}

export type RedeemResult =
  | { readonly ok: true; readonly author: ConsentAuthor }
  | { readonly ok: false; readonly aadsts: number | undefined };

/**
 * Redeems the v1 code of the approval link at `{authority}/common/oauth2/token` with the firm's
 * secret. The tokens come straight from the token endpoint over verified TLS in answer to our own
 * client authentication, so their claims are read without a signature check (OIDC Core 3.1.3.7).
 */
export async function redeemConsentCode(
  fetch: IdentityFetch,
  input: { authority: string; clientId: string; clientSecret: string; code: string; redirectUri: string },
): Promise<RedeemResult> {
  let body: Record<string, unknown>;
  try {
    const response = await fetch(`${input.authority}/common/oauth2/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: new URLSearchParams({
        grant_type: "authorization_code",
        client_id: input.clientId,
        client_secret: input.clientSecret,
        code: input.code,
        redirect_uri: input.redirectUri,
        resource: "https://graph.microsoft.com/",
      }).toString(),
    });
    body = (await response.json()) as Record<string, unknown>;
    if (!response.ok) return { ok: false, aadsts: aadstsOf(body) };
  } catch {
    return { ok: false, aadsts: undefined };
  }
  const claims = { ...claimsOf(body.access_token), ...claimsOf(body.id_token) };
  const tenantId = typeof claims.tid === "string" ? claims.tid.toLowerCase() : undefined;
  const oid = typeof claims.oid === "string" ? claims.oid : undefined;
  if (!tenantId || !oid) return { ok: false, aadsts: undefined };
  const name =
    typeof claims.name === "string"
      ? claims.name
      : typeof claims.unique_name === "string"
        ? claims.unique_name
        : null;
  const permissions =
    typeof claims.scp === "string" ? claims.scp : typeof body.scope === "string" ? body.scope : "User.Read";
  return { ok: true, author: { tenantId, oid, name, permissions } };
}

function claimsOf(token: unknown): Record<string, unknown> {
  if (typeof token !== "string") return {};
  try {
    return decodeJwt(token);
  } catch {
    return {};
  }
}

function aadstsOf(body: Record<string, unknown>): number | undefined {
  const codes = body.error_codes;
  if (Array.isArray(codes) && typeof codes[0] === "number") return codes[0];
  const described = /AADSTS(\d+)/.exec(String(body.error_description ?? ""))?.[1];
  return described ? Number(described) : undefined;
}
