import { audited } from "@sesame/kit/operations/audited";
import type { StaffRequest } from "../firms/firm-access";
import type { PortalContext } from "../service/portal-context";
import type { NotificationKind } from "../storage/notification-tables";
import { markAllRead, storePreference } from "./notification-queries";
import { formatMutedKinds } from "./notification-rules";

/** Not audited: what one person has read is their own reading state, nobody's decision for the firm. */
export async function markAllNotificationsRead(ctx: PortalContext, who: StaffRequest): Promise<void> {
  await markAllRead(ctx.db, who.staff.id, Date.now());
}

/** A staff member chooses which kinds reach them by mail, and in which language. */
export async function saveNotificationPreferences(
  ctx: PortalContext,
  who: StaffRequest,
  choice: { muted: readonly NotificationKind[]; language: "fr" | "en" },
): Promise<void> {
  const mutedKinds = formatMutedKinds(choice.muted);
  await audited(ctx, { name: who.staff.email }, async (trx) => {
    await storePreference(trx, who.staff.id, { mutedKinds, language: choice.language }, Date.now());
    return {
      result: undefined,
      audit: {
        scope: who.firm.id,
        action: "notifications.settings",
        target: who.staff.email,
        detail: { muted: mutedKinds, language: choice.language },
      },
    };
  });
}
