import { tenantHoldsConsent } from "../../consent/consent-queries";
import { AadstsError } from "../../protocol/aadsts";
import type { Authority } from "../../protocol/authority";
import type { AuthenticatedClient } from "../client-auth";
import { type resolveScopeRequest, resolveV1Resource } from "../scopes";
import { ACCESS_TOKEN_SECONDS, type ApiVersion, appAccessClaims } from "../token-claims";
import type { OauthDeps } from "../token-issuer";
import type { ClientCredentialsRequest } from "../token-params";

/**
 * App-only tokens. Entra refuses this grant on /common and /consumers (AADSTS9001023): the tenant
 * must be named. `roles` are the app roles an admin assigned to the client in that tenant. Outside
 * the app's home tenant, a client holding no consent there at all (no app role, no admin-consented
 * delegated grant: never granted, or revoked in the admin centre) gets AADSTS65001.
 */
export async function clientCredentialsGrant(
  deps: OauthDeps,
  input: {
    version: ApiVersion;
    authority: Authority;
    params: ClientCredentialsRequest;
    client: AuthenticatedClient;
  },
): Promise<Record<string, unknown>> {
  const { authority, params, client, version } = input;
  const tid = authority.segment.kind === "tenant" ? authority.segment.tenant.id : undefined;
  if (!tid) throw new AadstsError(9001023);
  if (client.app.sign_in_audience === "AzureADMyOrg" && client.app.tenant_id !== tid) {
    throw new AadstsError(700016, { appId: client.app.app_id, tenant: tid });
  }
  let request: Awaited<ReturnType<typeof resolveScopeRequest>>;
  if (version === "1") {
    if (!params.resource) throw new AadstsError(900144, { name: "resource" });
    request = await resolveV1Resource(deps.ctx.db, params.resource, tid);
  } else {
    if (!params.scope) throw new AadstsError(900144, { name: "scope" });
    request = await deps.cache.scopeRequest(params.scope, tid);
    if (request.values.length !== 1 || request.values[0] !== ".default" || request.oidc.length > 0) {
      throw new AadstsError(70011, { scope: params.scope });
    }
  }
  const roles = await deps.cache.appRoles({
    clientAppId: client.app.app_id,
    resourceAppId: request.resource.app_id,
    tenantId: tid,
  });
  // Nothing granted to the client in this tenant (never, or revoked): Entra answers 65001.
  if (
    roles.length === 0 &&
    client.app.tenant_id !== tid &&
    !(await tenantHoldsConsent(deps.ctx.db, client.app.app_id, tid))
  ) {
    throw new AadstsError(
      65001,
      { appId: client.app.app_id, name: client.app.display_name },
      "invalid_grant",
    );
  }
  const accessToken = await deps.signer.sign(
    appAccessClaims({
      version,
      origin: deps.ctx.origin,
      tid,
      clientId: client.app.app_id,
      clientObjectId: client.app.id,
      clientAuth: client.level,
      resourceAppId: request.resource.app_id,
      resourceRequested: request.resourceRequested,
      roles,
    }),
    { x5t: version === "1" },
  );
  if (version === "1") {
    const now = Math.floor(Date.now() / 1000);
    return {
      token_type: "Bearer",
      expires_in: String(ACCESS_TOKEN_SECONDS),
      ext_expires_in: String(ACCESS_TOKEN_SECONDS),
      expires_on: String(now + ACCESS_TOKEN_SECONDS),
      not_before: String(now),
      resource: request.resourceRequested,
      access_token: accessToken,
    };
  }
  return {
    token_type: "Bearer",
    expires_in: ACCESS_TOKEN_SECONDS,
    ext_expires_in: ACCESS_TOKEN_SECONDS,
    access_token: accessToken,
  };
}
