import { audited } from "@sesame/kit/operations/audited";
import type { Account } from "../accounts/account-queries";
import type { Actor } from "../audit/audit-log";
import type { IdentityContext } from "../context";
import { deleteTotp } from "./factor-queries";
import { markRegistrationRequired } from "./registration-queries";

/**
 * "Require re-register multifactor authentication": the user's factors (app, recovery codes,
 * passkeys) are cleared and the next sign-in makes them register one, with no skipping. Audited.
 */
export function requireReregistration(ctx: IdentityContext, actor: Actor, user: Account): Promise<void> {
  return audited(ctx, actor, async (trx) => {
    await deleteTotp(trx, user.id);
    await trx.deleteFrom("passkey").where("account_id", "=", user.id).execute();
    await markRegistrationRequired(trx, user.id, Date.now());
    return {
      result: undefined,
      audit: { scope: user.tenant_id, action: "user.requireMfaReregistration", target: user.email },
    };
  });
}
