import * as client from "openid-client";
import type { IdentityFetch } from "./identity-fetch";

export type Audience = "common" | "organizations";

/** What talking OpenID Connect to the authority needs (a PortalContext has it). */
export interface AuthorityClient {
  readonly authority: string;
  readonly fetch: IdentityFetch;
  readonly config: { readonly SESAME_CLIENT_ID: string; readonly SESAME_CLIENT_SECRET: string };
}

const MICROSOFT = "https://login.microsoftonline.com";
const cache = new WeakMap<AuthorityClient, Map<Audience, Promise<client.Configuration>>>();

/**
 * openid-client configuration for the multi-tenant authority `{authority}/{audience}/v2.0`.
 *
 * Microsoft's multi-tenant document has the issuer template `…/{tenantid}/v2.0`; openid-client
 * checks each ID token's `iss` against that template filled with the token's own `tid`, but only
 * for a document it discovered at login.microsoftonline.com. The built-in identity serves the very
 * same document at its own origin, so discovery is asked for Microsoft's URL and the request is
 * sent to the configured authority: the tenant check is openid-client's own, in both modes.
 */
export function oidcConfig(ctx: AuthorityClient, audience: Audience): Promise<client.Configuration> {
  let perContext = cache.get(ctx);
  if (!perContext) {
    perContext = new Map();
    cache.set(ctx, perContext);
  }
  const cached = perContext.get(audience);
  if (cached) return cached;
  const redirectToAuthority: client.CustomFetch = (url, options) => {
    const target = url.startsWith(MICROSOFT) ? ctx.authority + url.slice(MICROSOFT.length) : url;
    return ctx.fetch(target, options as RequestInit);
  };
  const made = client
    .discovery(
      new URL(`${MICROSOFT}/${audience}/v2.0`),
      ctx.config.SESAME_CLIENT_ID,
      { client_secret: ctx.config.SESAME_CLIENT_SECRET },
      client.ClientSecretPost(ctx.config.SESAME_CLIENT_SECRET),
      { [client.customFetch]: redirectToAuthority },
    )
    .then((config) => {
      config[client.customFetch] = (url, options) => ctx.fetch(url, options as RequestInit);
      return config;
    });
  // A failed discovery (identity not up yet) is retried on the next sign-in rather than remembered.
  made.catch(() => perContext.delete(audience));
  perContext.set(audience, made);
  return made;
}

const tenantCache = new WeakMap<AuthorityClient, Map<string, Promise<client.Configuration>>>();

/**
 * openid-client configuration for one tenant's authority `{authority}/{tenant GUID}/v2.0` (a guest
 * signs in at the inviting firm's tenant). Its document is read through the authority and trusted
 * as is: its issuer is that tenant's, which every ID token must then carry.
 */
export function tenantOidcConfig(ctx: AuthorityClient, tenantId: string): Promise<client.Configuration> {
  let perContext = tenantCache.get(ctx);
  if (!perContext) {
    perContext = new Map();
    tenantCache.set(ctx, perContext);
  }
  const cached = perContext.get(tenantId);
  if (cached) return cached;
  const made = ctx
    .fetch(`${ctx.authority}/${encodeURIComponent(tenantId)}/v2.0/.well-known/openid-configuration`, {
      headers: { accept: "application/json" },
    })
    .then(async (response) => {
      if (!response.ok) throw new TypeError(`discovery of tenant ${tenantId}: HTTP ${response.status}`);
      const metadata = (await response.json()) as client.ServerMetadata;
      const config = new client.Configuration(
        metadata,
        ctx.config.SESAME_CLIENT_ID,
        { client_secret: ctx.config.SESAME_CLIENT_SECRET },
        client.ClientSecretPost(ctx.config.SESAME_CLIENT_SECRET),
      );
      config[client.customFetch] = (url, options) => ctx.fetch(url, options as RequestInit);
      return config;
    });
  made.catch(() => perContext.delete(tenantId));
  perContext.set(tenantId, made);
  return made;
}
