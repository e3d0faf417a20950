import type { Kysely } from "kysely";
import { grantedScopes } from "../../consent/consent-queries";
import { AadstsError } from "../../protocol/aadsts";
import type { IdentityDB } from "../../storage/schema";
import type { AuthenticatedClient } from "../client-auth";
import type { HotCache } from "../hot-cache";
import type { RefreshToken } from "../refresh-tokens";
import { OIDC_SCOPES } from "../scopes";
import type { ApiVersion } from "../token-claims";
import type { UserGrant } from "../token-issuer";
import type { HeldConsent } from "./consent-held";

/**
 * What a refresh grants: the token's own scope, or (v2 with `scope`) another API's scopes the user
 * consented to, keeping the token's sign-in scopes. Asking for anything not consented is AADSTS65001.
 */
export async function refreshedGrant(
  db: Kysely<IdentityDB>,
  input: {
    token: RefreshToken;
    client: AuthenticatedClient;
    version: ApiVersion;
    scope: string | undefined;
    /** The API's registration comes from here; what the user consented to is read every time. */
    cache: HotCache;
    /** The consent on the token's own API, read by this request already (assertConsentHeld). */
    held: HeldConsent;
  },
): Promise<UserGrant> {
  const { token, client } = input;
  let scope = token.scope;
  let resourceAppId = token.resource_app_id;
  let resourceRequested = token.resource_requested;
  if (input.scope && input.version === "2") {
    const request = await input.cache.scopeRequest(input.scope, token.tenant_id);
    const granted =
      request.resource.app_id === input.held.resourceAppId
        ? input.held.scopes
        : await grantedScopes(db, {
            clientAppId: client.app.app_id,
            resourceAppId: request.resource.app_id,
            tenantId: token.tenant_id,
            principalId: token.account_id,
          });
    const values = request.values.includes(".default") ? [...granted] : [...request.values];
    const missing = values.filter((v) => !granted.has(v));
    if (missing.length > 0 || values.length + request.oidc.length === 0) {
      throw new AadstsError(
        65001,
        { appId: client.app.app_id, name: client.app.display_name },
        "invalid_grant",
      );
    }
    const kept = token.scope
      .split(" ")
      .filter((s) => OIDC_SCOPES.has(s) && (s !== "openid" || request.oidc.includes("openid")));
    scope = [...new Set([...kept, ...request.oidc, ...values])].join(" ");
    resourceAppId = request.resource.app_id;
    resourceRequested = request.resourceRequested;
  }
  return {
    version: input.version,
    accountId: token.account_id,
    sessionId: token.session_id,
    authTime: token.auth_time,
    scope,
    resourceAppId,
    resourceRequested,
    nonce: null,
  };
}
