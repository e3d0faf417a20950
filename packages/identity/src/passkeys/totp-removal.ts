import { announce } from "../account-page/security-alerts";
import type { Account } from "../accounts/account-queries";
import type { Actor } from "../audit/audit-log";
import type { IdentityContext } from "../context";
import { removeTotp } from "../factors/totp-operations";

/**
 * Removes the authenticator app with its "verification method removed" mail, whoever asks (the
 * account page, Graph): false when it is an administrator's only factor under security defaults.
 * It lives here, not in factors/, because the mail belongs to the account page above factors.
 */
export function removeAuthenticatorApp(
  ctx: IdentityContext,
  actor: Actor,
  account: Account,
): Promise<boolean> {
  return removeTotp(ctx, actor, account, (trx) =>
    announce(trx, ctx, account, { kind: "factor-removed", at: Date.now(), method: "totp" }),
  );
}
