import type { IdentityFetch } from "./identity-fetch";

/**
 * Microsoft's own home-realm discovery endpoints, called exactly as documented, so the same code
 * asks the built-in identity or login.microsoftonline.com. Every call answers `undefined` when the
 * authority could not be asked (network, 5xx, unexpected body): the caller reports "unknown".
 */

/** `GET {authority}/common/userrealm/{email}?api-version=2.0` (the fields we read). */
export interface UserRealm {
  readonly NameSpaceType?: string;
  readonly DomainName?: string;
  readonly FederationBrandName?: string;
}

/** `POST {authority}/common/GetCredentialType` (the fields we read). */
export interface CredentialType {
  readonly IfExistsResult?: number;
  readonly ThrottleStatus?: number;
  readonly EstsProperties?: { readonly DomainType?: number };
}

async function json<T>(response: Response): Promise<T | undefined> {
  if (!response.ok) return undefined;
  try {
    return (await response.json()) as T;
  } catch {
    return undefined;
  }
}

async function attempt<T>(call: () => Promise<T | undefined>): Promise<T | undefined> {
  try {
    return await call();
  } catch {
    return undefined;
  }
}

export function getUserRealm(fetch: IdentityFetch, authority: string, email: string) {
  return attempt(async () =>
    json<UserRealm>(
      await fetch(`${authority}/common/userrealm/${encodeURIComponent(email)}?api-version=2.0`, {
        headers: { accept: "application/json" },
      }),
    ),
  );
}

export function getCredentialType(fetch: IdentityFetch, authority: string, email: string) {
  return attempt(async () =>
    json<CredentialType>(
      await fetch(`${authority}/common/GetCredentialType`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ Username: email, isOtherIdpSupported: true }),
      }),
    ),
  );
}

const issuerTenant = /\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/v2\.0\/?$/i;

/** The tenant GUID behind a verified domain: the issuer of its OpenID discovery document. */
export function tenantIdOfDomain(fetch: IdentityFetch, authority: string, domain: string) {
  return attempt(async () => {
    const doc = await json<{ issuer?: string }>(
      await fetch(`${authority}/${encodeURIComponent(domain)}/v2.0/.well-known/openid-configuration`),
    );
    return doc?.issuer ? issuerTenant.exec(doc.issuer)?.[1]?.toLowerCase() : undefined;
  });
}

export type GrantProbe = "granted" | "not_granted" | "unknown";

/** AADSTS codes that mean "this tenant has no (or no longer any) approval for the application". */
const noGrantCodes = new Set([65001, 700016, 7000112, 500011, 7000229]);

/**
 * Whether the firm's application still has a service principal in the tenant: a client-credentials
 * token request for that tenant succeeds only when it does.
 */
export async function probeTenantGrant(
  fetch: IdentityFetch,
  authority: string,
  tenantId: string,
  client: { id: string; secret: string },
): Promise<GrantProbe> {
  try {
    const response = await fetch(`${authority}/${tenantId}/oauth2/v2.0/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: client.id,
        client_secret: client.secret,
        scope: "https://graph.microsoft.com/.default",
      }).toString(),
    });
    if (response.ok) return "granted";
    const body = (await response.json().catch(() => ({}))) as {
      error_codes?: number[];
      error_description?: string;
    };
    const codes = body.error_codes ?? [];
    const described = Number(/AADSTS(\d+)/.exec(body.error_description ?? "")?.[1]);
    return codes.some((c) => noGrantCodes.has(c)) || noGrantCodes.has(described) ? "not_granted" : "unknown";
  } catch {
    return "unknown";
  }
}
