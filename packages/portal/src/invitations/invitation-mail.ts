import { narrow } from "@sesame/kit/db/database";
import { enqueueMail } from "@sesame/kit/mail/outbox";
import type { MailTables } from "@sesame/kit/mail/outbox-table";
import { escapeHtml } from "@sesame/kit/ui/html";
import type { Kysely } from "kysely";
import { firmMailLook } from "../branding/branding-mail";
import { translate } from "../i18n/messages";
import type { PortalContext } from "../service/portal-context";
import type { ContactTable } from "../storage/contact-tables";
import type { FirmTable } from "../storage/firm-tables";
import type { PortalDB } from "../storage/schema";
import {
  addReminderLink,
  createInvitation,
  guestRedeemUrl,
  openInvitation,
  revokeInvitations,
} from "./invitation-queries";

export const guideUrl = (origin: string, firm: FirmTable, token: string): string =>
  `${origin}/${firm.code}/guide/${token}`;

/**
 * Invites (or reminds) a contact inside the caller's transaction: an open invitation gets one more
 * link (earlier ones keep working), else a new invitation is made; the mail in the person's
 * language is queued with it.
 */
export async function queueInvitation(
  ctx: PortalContext,
  trx: Kysely<PortalDB>,
  firm: FirmTable,
  contact: ContactTable,
) {
  // A resend while the invitation is open is a reminder of it; otherwise a new invitation starts.
  const open = await openInvitation(trx, contact.id);
  if (!open) await revokeInvitations(trx, contact.id);
  const { token, invitation } = open
    ? { token: await addReminderLink(trx, open.id), invitation: open }
    : await createInvitation(trx, firm.id, contact.id);
  const t = translate(contact.language);
  // A guest of the firm's tenant redeems Microsoft's invitation: no account to create first.
  const guestLink = await guestRedeemUrl(trx, contact.id);
  const link = guestLink ?? guideUrl(ctx.origin, firm, token);
  const params = { firm: firm.name, name: `${contact.first_name} ${contact.last_name}` };
  const cta = guestLink ? t("guest.mail.cta") : t("invitation.mail.cta");
  const paragraphs = [
    guestLink ? t("guest.mail.body", params) : t("invitation.mail.body", params),
    t("invitation.mail.expiry"),
    t("invitation.mail.ignore"),
  ];
  const look = await firmMailLook(trx, firm, { origin: ctx.origin, address: ctx.config.SESAME_MAIL_FROM });
  await enqueueMail(narrow<MailTables, PortalDB>(trx), {
    to: contact.email,
    from: look.from,
    subject: t("invitation.mail.subject", params),
    text: [
      t("invitation.mail.greeting", params),
      "",
      paragraphs[0],
      "",
      `${cta}${t("portal.colon")} ${link}`,
      "",
      paragraphs[1],
      paragraphs[2],
    ].join("\n"),
    html: `${look.htmlHeader}<p>${escapeHtml(t("invitation.mail.greeting", params))}</p><p>${escapeHtml(paragraphs[0] ?? "")}</p><p><a href="${escapeHtml(link)}">${escapeHtml(cta)}</a></p><p>${escapeHtml(paragraphs[1] ?? "")}</p><p>${escapeHtml(paragraphs[2] ?? "")}</p>`,
  });
  return { token, invitation, reminder: open !== undefined };
}
