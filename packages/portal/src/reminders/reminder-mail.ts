import { narrow } from "@sesame/kit/db/database";
import { enqueueMail } from "@sesame/kit/mail/outbox";
import type { MailTables } from "@sesame/kit/mail/outbox-table";
import { escapeHtml } from "@sesame/kit/ui/html";
import type { Kysely } from "kysely";
import { firmMailLook } from "../branding/branding-mail";
import { translate } from "../i18n/messages";
import type { ContactTable } from "../storage/contact-tables";
import type { FirmTable } from "../storage/firm-tables";
import type { PortalDB } from "../storage/schema";

const dateIn = (at: number, locale: "fr" | "en") =>
  new Date(at).toLocaleDateString(locale === "fr" ? "fr-FR" : "en-GB", {
    dateStyle: "long",
    timeZone: "Europe/Paris",
  });

/** The reminder mail, in the contact's language, queued in the reminder's transaction. */
export async function queueReminderMail(
  trx: Kysely<PortalDB>,
  input: {
    /** The portal's sending address (the firm's sender name goes with it). */
    from: string;
    origin: string;
    firm: FirmTable;
    contact: ContactTable;
    link: string;
    days: number;
    expiresAt: number;
  },
): Promise<void> {
  const { firm, contact, link } = input;
  const locale = contact.language;
  const t = translate(locale);
  const params = { firm: firm.name, name: `${contact.first_name} ${contact.last_name}`, days: input.days };
  const expiry = t("reminder.mail.expiry", { date: dateIn(input.expiresAt, locale) });
  const look = await firmMailLook(trx, firm, { origin: input.origin, address: input.from });
  await enqueueMail(narrow<MailTables, PortalDB>(trx), {
    to: contact.email,
    from: look.from,
    subject: t("reminder.mail.subject", params),
    text: [
      t("reminder.mail.greeting", params),
      "",
      t("reminder.mail.body", params),
      "",
      `${t("reminder.mail.cta")}: ${link}`,
      "",
      expiry,
    ].join("\n"),
    html: `${look.htmlHeader}<p>${escapeHtml(t("reminder.mail.greeting", params))}</p><p>${escapeHtml(t("reminder.mail.body", params))}</p><p><a href="${escapeHtml(link)}">${escapeHtml(t("reminder.mail.cta"))}</a></p><p>${escapeHtml(expiry)}</p>`,
  });
}
