import { AadstsError } from "../../protocol/aadsts";
import type { AuthenticatedClient } from "../client-auth";
import { rotateRefreshToken, withinGrace } from "../refresh-rotation";
import { findRefreshToken, revokeFamily, successorOf } from "../refresh-tokens";
import { assertRedemptionOrigin } from "../spa/spa-rules";
import type { ApiVersion } from "../token-claims";
import { issueUserTokens, type OauthDeps } from "../token-issuer";
import type { RefreshRequest } from "../token-params";
import { assertConsentHeld } from "./consent-held";
import { refreshedGrant } from "./refreshed-scope";

/**
 * Rotation: each refresh token works once and is replaced. A client that lost the response may
 * retry with the same token for SESAME_REFRESH_REUSE_GRACE_SECONDS and gets the same successor;
 * any other reuse of a rotated (or revoked) token is treated as theft: the whole family is revoked
 * and the request fails (AADSTS70008). A single-page app's token keeps its family's 24-hour end. A token whose sign-in predates the account's last password
 * change is refused (AADSTS50173) and its family revoked.
 */
export async function refreshTokenGrant(
  deps: OauthDeps,
  input: {
    version: ApiVersion;
    params: RefreshRequest;
    client: AuthenticatedClient;
    crossOrigin: string | undefined;
  },
): Promise<Record<string, unknown>> {
  const { params, client } = input;
  const db = deps.ctx.db;
  const token = await findRefreshToken(db, params.refresh_token);
  if (!token) throw new AadstsError(9002313);
  if (token.client_id !== client.app.app_id) throw new AadstsError(70000);
  if (client.level === "0" && token.public_client !== 1) throw new AadstsError(7000218);
  assertRedemptionOrigin(token.spa === 1, input.crossOrigin);
  const graceMs = deps.ctx.config.SESAME_REFRESH_REUSE_GRACE_SECONDS * 1000;
  if (token.revoked_at !== null || (token.rotated_at !== null && !withinGrace(token.rotated_at, graceMs))) {
    await revokeFamily(db, token.family_id);
    throw new AadstsError(70008);
  }
  if (token.expires_at <= Date.now()) throw new AadstsError(700082);
  const passwordChangedAt = token.password_changed_at;
  if (passwordChangedAt !== null && token.auth_time < passwordChangedAt) {
    await revokeFamily(db, token.family_id);
    throw new AadstsError(50173, {
      authTime: new Date(token.auth_time).toISOString(),
      validFrom: new Date(passwordChangedAt).toISOString(),
    });
  }
  const held = await assertConsentHeld(db, {
    client: client.app,
    resourceAppId: token.resource_app_id,
    tenantId: token.tenant_id,
    accountId: token.account_id,
    scope: token.scope,
  });
  const grant = await refreshedGrant(db, {
    token,
    client,
    version: input.version,
    scope: params.scope,
    cache: deps.cache,
    held,
  });
  const successor = successorOf(deps.refreshKey, params.refresh_token);
  const { body, refresh } = await issueUserTokens(deps, {
    grant,
    client,
    wantsClientInfo: params.client_info === "1",
    refreshToken: successor,
    spaUntil: token.spa === 1 ? token.expires_at : undefined,
  });
  const outcome = await rotateRefreshToken(db, deps.grouped, {
    previous: token,
    successor,
    row: refresh?.row,
    graceMs,
  });
  if (outcome === "reused") throw new AadstsError(70008);
  return body;
}
