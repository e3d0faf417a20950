import { audited } from "@sesame/kit/operations/audited";
import type { Actor } from "../audit/audit-log";
import type { IdentityContext } from "../context";
import type { GuestSettings } from "./guest-rules";

/** The tenant's external collaboration settings: who may invite, the passcode, the redemption order. */
export function saveGuestSettings(
  ctx: IdentityContext,
  actor: Actor,
  tenantId: string,
  settings: GuestSettings,
): Promise<void> {
  return audited(ctx, actor, async (trx) => {
    const row = {
      allow_invites_from: settings.allowInvitesFrom,
      email_otp_enabled: settings.emailOtpEnabled ? 1 : 0,
      fallback_order: settings.fallbackOrder.join(","),
      privacy_url: settings.privacyUrl,
      updated_at: Date.now(),
    };
    await trx
      .insertInto("guest_settings")
      .values({ tenant_id: tenantId, ...row })
      .onConflict((oc) => oc.column("tenant_id").doUpdateSet(row))
      .execute();
    return {
      result: undefined,
      audit: {
        scope: tenantId,
        action: "guest.settings",
        target: tenantId,
        detail: { ...row, updated_at: undefined },
      },
    };
  });
}
