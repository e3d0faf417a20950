import { DAY_MS } from "@sesame/kit/db/expiry-sweeper";
import { audited } from "@sesame/kit/operations/audited";
import type { StaffRequest } from "../firms/firm-access";
import { guideUrl } from "../invitations/invitation-mail";
import { addReminderLink, latestInvitation } from "../invitations/invitation-queries";
import { invitationProblem } from "../invitations/invitation-rules";
import type { PortalContext } from "../service/portal-context";
import type { ContactTable } from "../storage/contact-tables";
import { queueReminderMail } from "./reminder-mail";

/**
 * The accountant reminds a contact now: the same invitation, a fresh link beside the earlier ones
 * (which keep working), the reminder mail in the contact's language, counted as a sending.
 * Refused when there is no open invitation to remind of (invite instead).
 */
export async function remindNow(
  ctx: PortalContext,
  who: StaffRequest,
  contact: ContactTable,
  now = Date.now(),
): Promise<boolean> {
  if (contact.tid) return false;
  const invitation = await latestInvitation(ctx.db, contact.id);
  if (!invitation || invitationProblem(invitation, now) !== undefined) return false;
  await audited(ctx, { name: who.staff.email }, async (trx) => {
    const token = await addReminderLink(trx, invitation.id, now);
    await queueReminderMail(trx, {
      from: ctx.config.SESAME_MAIL_FROM,
      origin: ctx.origin,
      firm: who.firm,
      contact,
      link: guideUrl(ctx.origin, who.firm, token),
      days: Math.max(1, Math.floor((now - invitation.created_at) / DAY_MS)),
      expiresAt: invitation.expires_at,
    });
    return {
      result: undefined,
      audit: { scope: who.firm.id, action: "invitation.remind", target: contact.email },
    };
  });
  ctx.mailQueued();
  return true;
}
