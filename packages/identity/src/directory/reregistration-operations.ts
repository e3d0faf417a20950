import { audited } from "@sesame/kit/operations/audited";
import { endEverything } from "../account-page/account-operations";
import type { Account } from "../accounts/account-queries";
import type { Actor } from "../audit/audit-log";
import type { IdentityContext } from "../context";
import { deleteTotp } from "../factors/factor-queries";
import { markRegistrationRequired } from "../factors/registration-queries";

/**
 * "Require re-register multifactor authentication": the user's factors (app, recovery codes,
 * passkeys) are cleared and the next sign-in makes them register one, with no skipping. Microsoft
 * pairs it with "Revoke multifactor authentication sessions"; here it is one act: the sessions and
 * refresh tokens obtained with the old factors end with them, or a stolen factor's sign-in would
 * outlive the reset. Audited. (In directory/, not factors/: ending refresh tokens is oauth's, and
 * oauth reads the factors.)
 */
export function requireReregistration(ctx: IdentityContext, actor: Actor, user: Account): Promise<void> {
  return audited(ctx, actor, async (trx) => {
    await deleteTotp(trx, user.id);
    await trx.deleteFrom("passkey").where("account_id", "=", user.id).execute();
    await markRegistrationRequired(trx, user.id, Date.now());
    await endEverything(trx, user.id);
    return {
      result: undefined,
      audit: { scope: user.tenant_id, action: "user.requireMfaReregistration", target: user.email },
    };
  });
}
