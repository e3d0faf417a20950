import { audited } from "@sesame/kit/operations/audited";
import type { IdentityContext } from "../context";
import type { Guest } from "./guest-queries";

export interface Redemption {
  /** The `idp` of the guest's tokens from now on. */
  readonly idp: string;
  /** The account the guest redeemed with; null for an e-mail one-time passcode. */
  readonly homeAccountId: string | null;
}

/**
 * The guest accepted the organisation's permissions: `externalUserState` becomes "Accepted". Only
 * the first of two racing redemptions changes the row (and writes the audit entry); both then see
 * one guest, redeemed once. Returns whether this call redeemed it.
 */
export async function acceptInvitation(
  ctx: IdentityContext,
  guest: Guest,
  redemption: Redemption,
  source: string,
): Promise<boolean> {
  return audited(ctx, { id: guest.account_id, name: guest.email, source }, async (trx) => {
    const now = Date.now();
    const changed = await trx
      .updateTable("guest")
      .set({
        external_user_state: "Accepted",
        state_changed_at: now,
        redeemed_idp: redemption.idp,
        home_account_id: redemption.homeAccountId,
      })
      .where("account_id", "=", guest.account_id)
      .where("external_user_state", "=", "PendingAcceptance")
      .executeTakeFirst();
    const won = Number(changed.numUpdatedRows) === 1;
    return {
      result: won,
      audit: won
        ? {
            scope: guest.tenant_id,
            action: "guest.redeem",
            target: guest.email,
            detail: { idp: redemption.idp },
          }
        : [],
    };
  });
}
