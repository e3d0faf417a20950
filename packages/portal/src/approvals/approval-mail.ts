import { narrow } from "@sesame/kit/db/database";
import { enqueueMail } from "@sesame/kit/mail/outbox";
import type { MailTables } from "@sesame/kit/mail/outbox-table";
import { escapeHtml } from "@sesame/kit/ui/html";
import type { Kysely } from "kysely";
import { translate } from "../i18n/messages";
import type { ContactTable } from "../storage/contact-tables";
import type { FirmTable } from "../storage/firm-tables";
import type { PortalDB } from "../storage/schema";

/** Tells the contact a document waits for their approval, in their language, with the link. */
export async function queueApprovalMail(
  trx: Kysely<PortalDB>,
  input: {
    from: string;
    link: string;
    firm: FirmTable;
    contact: ContactTable;
    document: string;
    dossier: string;
  },
): Promise<void> {
  const { firm, contact } = input;
  const t = translate(contact.language);
  const params = { firm: firm.name, document: input.document, dossier: input.dossier };
  const greeting = t("message.mail.greeting", { name: `${contact.first_name} ${contact.last_name}` });
  await enqueueMail(narrow<MailTables, PortalDB>(trx), {
    to: contact.email,
    from: input.from,
    subject: t("approval.mail.subject", params),
    text: [
      greeting,
      "",
      t("approval.mail.body", params),
      "",
      `${t("approval.mail.cta")}: ${input.link}`,
    ].join("\n"),
    html: `<p>${escapeHtml(greeting)}</p><p>${escapeHtml(t("approval.mail.body", params))}</p><p><a href="${escapeHtml(input.link)}">${escapeHtml(t("approval.mail.cta"))}</a></p>`,
  });
}
