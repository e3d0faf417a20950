import { grantedScopes } from "../../consent/consent-queries";
import { AadstsError } from "../aadsts";
import type { AuthenticatedClient, TokenParams } from "../client-auth";
import { findRefreshToken, markRotated, revokeFamily } from "../refresh-tokens";
import { OIDC_SCOPES, resolveScopeRequest } from "../scopes";
import type { ApiVersion } from "../token-claims";
import { issueUserTokens, type OauthDeps } from "../token-issuer";
import { assertConsentHeld } from "./consent-held";

/**
 * Rotation: each refresh token works once and is replaced. Presenting a rotated (or revoked) one
 * is treated as theft: the whole family is revoked and the request fails (AADSTS70008).
 */
export async function refreshTokenGrant(
  deps: OauthDeps,
  input: { version: ApiVersion; params: TokenParams; client: AuthenticatedClient },
): Promise<Record<string, unknown>> {
  const { params, client } = input;
  const db = deps.ctx.db;
  if (!params.refresh_token) throw new AadstsError(900144, { name: "refresh_token" });
  const token = await findRefreshToken(db, params.refresh_token);
  if (!token) throw new AadstsError(9002313);
  if (token.client_id !== client.app.app_id) throw new AadstsError(70000);
  if (client.level === "0" && token.public_client !== 1) throw new AadstsError(7000218);
  if (token.rotated_at !== null || token.revoked_at !== null || !(await markRotated(db, token.token_hash))) {
    await revokeFamily(db, token.family_id);
    throw new AadstsError(70008);
  }
  if (token.expires_at <= Date.now()) throw new AadstsError(700082);

  await assertConsentHeld(db, {
    client: client.app,
    resourceAppId: token.resource_app_id,
    tenantId: token.tenant_id,
    accountId: token.account_id,
    scope: token.scope,
  });

  let scope = token.scope;
  let resourceAppId = token.resource_app_id;
  let resourceRequested = token.resource_requested;
  if (params.scope && input.version === "2") {
    const request = await resolveScopeRequest(db, params.scope, token.tenant_id);
    const granted = await grantedScopes(db, {
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
  const { body } = await issueUserTokens(deps, {
    grant: {
      version: input.version,
      accountId: token.account_id,
      sessionId: token.session_id,
      authTime: token.auth_time,
      scope,
      resourceAppId,
      resourceRequested,
      nonce: null,
    },
    client,
    wantsClientInfo: params.client_info === "1",
    familyId: token.family_id,
  });
  return body;
}
