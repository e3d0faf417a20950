import { findAccountById } from "../../accounts/account-queries";
import { AadstsError } from "../../protocol/aadsts";
import type { AuthenticatedClient } from "../client-auth";
import { newFamilyId, storeRefreshToken } from "../refresh-tokens";
import { resolveScopeRequest } from "../scopes";
import type { ApiVersion } from "../token-claims";
import { issueUserTokens, type OauthDeps } from "../token-issuer";
import type { DeviceCodeRequest } from "../token-params";
import { claimDeviceCode, findByDeviceCode, revokeDeviceCodeFamily } from "./device-store";

/**
 * RFC 8628 polling: pending, declined, expired, or the tokens once the user approved on /devicelogin.
 * Redeemed once: polling again afterwards (or in parallel) answers AADSTS54005 and revokes what
 * the redemption issued, as for an authorization code.
 */
export async function deviceCodeGrant(
  deps: OauthDeps,
  input: { version: ApiVersion; params: DeviceCodeRequest; client: AuthenticatedClient },
): Promise<Record<string, unknown>> {
  const db = deps.ctx.db;
  const code = await findByDeviceCode(db, input.params.device_code);
  if (!code || code.client_id !== input.client.app.app_id) throw new AadstsError(9002313);
  if (code.status === "redeemed") {
    await revokeDeviceCodeFamily(db, code.device_code_hash);
    throw new AadstsError(54005);
  }
  if (code.status === "denied") throw new AadstsError(65004, {}, "authorization_declined");
  if (code.expires_at <= Date.now()) throw new AadstsError(7000222, {}, "expired_token");
  if (code.status === "pending" || !code.account_id || !code.session_id) throw new AadstsError(70016);
  const account = await findAccountById(db, code.account_id);
  if (!account) throw new AadstsError(70008);
  const request = await resolveScopeRequest(db, code.scope, account.tenant_id);
  const values = request.values.filter((v) => v !== ".default");
  const { body, refresh } = await issueUserTokens(deps, {
    grant: {
      version: input.version,
      accountId: account.id,
      sessionId: code.session_id,
      authTime: code.created_at,
      scope: [...request.oidc, ...values].join(" "),
      resourceAppId: request.resource.app_id,
      resourceRequested: request.resourceRequested,
      nonce: null,
    },
    client: input.client,
    wantsClientInfo: input.params.client_info === "1",
  });
  // Redeeming and storing the refresh token are one transaction: a parallel poll sees both or neither.
  const familyId = newFamilyId();
  const redeemed = await deps.grouped(async (trx) => {
    if (!(await claimDeviceCode(trx, code.device_code_hash, familyId))) return false;
    if (refresh) await storeRefreshToken(trx, refresh.row, { value: refresh.value, familyId });
    return true;
  });
  if (!redeemed) {
    await revokeDeviceCodeFamily(db, code.device_code_hash);
    throw new AadstsError(54005);
  }
  return body;
}
