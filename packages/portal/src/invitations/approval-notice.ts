import { narrow } from "@sesame/kit/db/database";
import type { JobHandler } from "@sesame/kit/jobs/job-runner";
import { enqueueMail } from "@sesame/kit/mail/outbox";
import type { MailTables } from "@sesame/kit/mail/outbox-table";
import { escapeHtml } from "@sesame/kit/ui/html";
import { z } from "zod";
import { translate } from "../i18n/messages";
import type { PortalContext } from "../service/portal-context";
import type { PortalDB } from "../storage/schema";
import { guideUrl } from "./invitation-mail";
import { addReminderLink, openInvitation } from "./invitation-queries";

const noticePayload = z.object({ contactId: z.string() });

/**
 * The contact whom the guide told to come back later hears that their organization approved the
 * firm's application, in their language, with a fresh link to the same invitation (the guide now
 * shows "sign in"). Planned once per contact by the consent callback's transaction; a contact who
 * has signed in meanwhile, or whose invitation is closed, is not mailed.
 */
export function approvalNoticeHandler(ctx: PortalContext): JobHandler<PortalDB> {
  return async (trx, job) => {
    const { contactId } = noticePayload.parse(job.payload);
    const contact = await trx
      .selectFrom("contact")
      .selectAll()
      .where("id", "=", contactId)
      .executeTakeFirst();
    if (!contact || contact.tid !== null) return;
    const invitation = await openInvitation(trx, contact.id, job.now);
    if (!invitation) return;
    const firm = await trx
      .selectFrom("firm")
      .selectAll()
      .where("id", "=", contact.firm_id)
      .executeTakeFirstOrThrow();
    const link = guideUrl(ctx.origin, firm, await addReminderLink(trx, invitation.id, job.now));
    const t = translate(contact.language);
    const params = { firm: firm.name, name: `${contact.first_name} ${contact.last_name}` };
    await enqueueMail(narrow<MailTables, PortalDB>(trx), {
      to: contact.email,
      from: ctx.config.SESAME_MAIL_FROM,
      subject: t("notify.approved.subject", params),
      text: [
        t("notify.approved.greeting", params),
        "",
        t("notify.approved.body", params),
        "",
        `${t("notify.approved.cta")}${t("portal.colon")} ${link}`,
      ].join("\n"),
      html: `<p>${escapeHtml(t("notify.approved.greeting", params))}</p><p>${escapeHtml(t("notify.approved.body", params))}</p><p><a href="${escapeHtml(link)}">${escapeHtml(t("notify.approved.cta"))}</a></p>`,
    });
  };
}
