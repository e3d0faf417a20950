import { narrow } from "@sesame/kit/db/database";
import type { Locale } from "@sesame/kit/i18n/i18n";
import { enqueueMail } from "@sesame/kit/mail/outbox";
import type { MailTables } from "@sesame/kit/mail/outbox-table";
import { audited } from "@sesame/kit/operations/audited";
import { escapeHtml } from "@sesame/kit/ui/html";
import type { StaffRequest } from "../firms/firm-access";
import { translate } from "../i18n/messages";
import type { PortalContext } from "../service/portal-context";
import type { ContactTable } from "../storage/contact-tables";
import type { PortalDB } from "../storage/schema";

/**
 * The firm sends a contact's approval link to the administrator of the contact's organisation
 * (the guide's "forward" done for them): same mail, in the language chosen on the page, through
 * the outbox; the journal says which contact it was for, so the funnel shows "approval requested".
 */
export async function sendApprovalLinkFor(
  ctx: PortalContext,
  who: StaffRequest,
  input: { contact: ContactTable; adminEmail: string; approvalLink: string; locale: Locale },
): Promise<void> {
  const { contact, approvalLink: link } = input;
  const t = translate(input.locale);
  const params = {
    firm: who.firm.name,
    name: `${contact.first_name} ${contact.last_name}`,
    email: contact.email,
  };
  await audited(ctx, { name: who.staff.email }, async (trx) => {
    await enqueueMail(narrow<MailTables, PortalDB>(trx), {
      to: input.adminEmail,
      from: ctx.config.SESAME_MAIL_FROM,
      subject: t("forward.mail.subject", params),
      text: `${t("forward.mail.body", params)}\n\n${link}\n\n${t("forward.mail.why")}`,
      html: `<p>${escapeHtml(t("forward.mail.body", params))}</p><p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p><p>${escapeHtml(t("forward.mail.why"))}</p>`,
    });
    return {
      result: undefined,
      audit: {
        scope: who.firm.id,
        action: "approval.forward_for",
        target: contact.email,
        detail: { admin: input.adminEmail },
      },
    };
  });
  ctx.mailQueued();
}
