import { findAccountById } from "../../accounts/account-queries";
import { AadstsError } from "../aadsts";
import type { AuthenticatedClient, TokenParams } from "../client-auth";
import { resolveScopeRequest } from "../scopes";
import type { ApiVersion } from "../token-claims";
import { issueUserTokens, type OauthDeps } from "../token-issuer";
import { findByDeviceCode, markDeviceCodeRedeemed } from "./device-store";

/** RFC 8628 polling: pending, declined, expired, or the tokens once the user approved on /devicelogin. */
export async function deviceCodeGrant(
  deps: OauthDeps,
  input: { version: ApiVersion; params: TokenParams; client: AuthenticatedClient },
): Promise<Record<string, unknown>> {
  const db = deps.ctx.db;
  const raw = input.params.device_code;
  if (!raw) throw new AadstsError(900144, { name: "device_code" });
  const code = await findByDeviceCode(db, raw);
  if (!code || code.client_id !== input.client.app.app_id) throw new AadstsError(9002313);
  if (code.status === "redeemed") throw new AadstsError(54005);
  if (code.status === "denied") throw new AadstsError(65004, {}, "authorization_declined");
  if (code.expires_at <= Date.now()) throw new AadstsError(7000222, {}, "expired_token");
  if (code.status === "pending" || !code.account_id || !code.session_id) throw new AadstsError(70016);
  if (!(await markDeviceCodeRedeemed(db, code.device_code_hash))) throw new AadstsError(54005);
  const account = await findAccountById(db, code.account_id);
  if (!account) throw new AadstsError(70008);
  const request = await resolveScopeRequest(db, code.scope, account.tenant_id);
  const values = request.values.filter((v) => v !== ".default");
  const { body } = await issueUserTokens(deps, {
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
  return body;
}
