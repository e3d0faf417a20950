import { AadstsError } from "../../protocol/aadsts";
import type { AuthenticatedClient } from "../client-auth";
import { claimCode, codeRedirectKind, findCode, revokeCodeFamily } from "../code-store";
import { verifierMatches } from "../pkce";
import { newFamilyId, SPA_REFRESH_TOKEN_MS, storeRefreshToken } from "../refresh-tokens";
import { assertRedemptionOrigin } from "../spa/spa-rules";
import type { ApiVersion } from "../token-claims";
import { issueUserTokens, type OauthDeps } from "../token-issuer";
import type { CodeRequest } from "../token-params";
import { assertConsentHeld } from "./consent-held";

/**
 * Redeems a code once. A second redemption, sequential or parallel, fails with AADSTS54005 and
 * revokes the refresh tokens the first one issued. A code from a web redirect URI needs the
 * client's credential; one from a single-page app's is redeemed only cross-origin (and gets a
 * 24-hour refresh token), any other never cross-origin. The tokens are prepared first; consuming the code and storing the refresh
 * token are one transaction, so no replay can fall between them.
 */
export async function authorizationCodeGrant(
  deps: OauthDeps,
  input: {
    version: ApiVersion;
    params: CodeRequest;
    client: AuthenticatedClient;
    crossOrigin: string | undefined;
  },
): Promise<Record<string, unknown>> {
  const { params, client } = input;
  const db = deps.ctx.db;
  const code = await findCode(db, params.code);
  if (!code || code.client_id !== client.app.app_id) throw new AadstsError(9002313);
  if (code.redeemed_at !== null) {
    await revokeCodeFamily(db, code.code_hash);
    throw new AadstsError(54005);
  }
  if (code.expires_at <= Date.now()) throw new AadstsError(70008);
  if (code.redirect_uri !== params.redirect_uri) {
    throw new AadstsError(50011, { uri: params.redirect_uri, appId: client.app.app_id }, "invalid_grant");
  }
  const kind = await codeRedirectKind(db, client.app.id, code.redirect_uri);
  assertRedemptionOrigin(kind === "spa", input.crossOrigin);
  if (client.level === "0" && kind === "web") throw new AadstsError(7000218);
  const spaUntil = kind === "spa" ? Date.now() + SPA_REFRESH_TOKEN_MS : undefined;
  if (code.code_challenge) {
    if (!params.code_verifier) throw new AadstsError(900144, { name: "code_verifier" });
    if (!verifierMatches(params.code_verifier, code.code_challenge)) throw new AadstsError(501481);
  }
  await assertConsentHeld(db, {
    client: client.app,
    resourceAppId: code.resource_app_id,
    tenantId: code.tenant_id,
    accountId: code.account_id,
    scope: code.scope,
  });
  const { body, refresh } = await issueUserTokens(deps, {
    grant: {
      version: input.version,
      accountId: code.account_id,
      sessionId: code.session_id,
      authTime: code.auth_time,
      scope: code.scope,
      resourceAppId: code.resource_app_id,
      resourceRequested: code.resource_requested,
      nonce: code.nonce,
    },
    client,
    wantsClientInfo: params.client_info === "1",
    spaUntil,
  });
  const familyId = newFamilyId();
  const redeemed = await deps.grouped(async (trx) => {
    if (!(await claimCode(db, { codeHash: code.code_hash, familyId }, trx))) return false;
    if (refresh)
      await storeRefreshToken(db, refresh.row, { value: refresh.value, familyId, expiresAt: spaUntil }, trx);
    return true;
  });
  if (!redeemed) {
    await revokeCodeFamily(db, code.code_hash);
    throw new AadstsError(54005);
  }
  return body;
}
