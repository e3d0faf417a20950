import { narrow } from "@sesame/kit/db/database";
import { enqueueMail } from "@sesame/kit/mail/outbox";
import type { MailTables } from "@sesame/kit/mail/outbox-table";
import { escapeHtml } from "@sesame/kit/ui/html";
import type { Kysely } from "kysely";
import { translate } from "../i18n/messages";
import type { FirmTable, StaffTable } from "../storage/firm-tables";
import type { PortalDB } from "../storage/schema";
import type { NotificationLine } from "./notification-queries";

const when = (at: number, locale: "fr" | "en") =>
  new Date(at).toLocaleString(locale === "fr" ? "fr-FR" : "en-GB", {
    dateStyle: "short",
    timeStyle: "short",
    timeZone: "Europe/Paris",
  });

/** One digest: every line links to the contact's page; queued in the digest job's transaction. */
export async function queueDigestMail(
  trx: Kysely<PortalDB>,
  input: {
    origin: string;
    from: string;
    firm: FirmTable;
    staff: StaffTable;
    locale: "fr" | "en";
    lines: readonly Omit<NotificationLine, "read_at">[];
  },
): Promise<void> {
  const { firm, staff, locale, origin } = input;
  const t = translate(locale);
  const base = `${origin}/${firm.code}`;
  const items = input.lines.map((line) => ({
    sentence: t(`notify.kind.${line.kind}`, { name: `${line.first_name} ${line.last_name}` }),
    at: when(line.created_at, locale),
    link: `${base}/interlocuteurs/${line.contact_id}`,
  }));
  const greeting = t("notify.mail.greeting", { name: staff.display_name });
  await enqueueMail(narrow<MailTables, PortalDB>(trx), {
    to: staff.email,
    from: input.from,
    subject: t("notify.mail.subject", { firm: firm.name, count: items.length }),
    text: [
      greeting,
      "",
      t("notify.mail.body"),
      "",
      ...items.map((i) => `- ${i.at} · ${i.sentence}\n  ${i.link}`),
      "",
      `${t("notify.mail.list")}${t("portal.colon")} ${base}/notifications`,
      `${t("notify.mail.manage")}${t("portal.colon")} ${base}/notifications#preferences`,
    ].join("\n"),
    html: `<p>${escapeHtml(greeting)}</p><p>${escapeHtml(t("notify.mail.body"))}</p><ul>${items
      .map(
        (i) => `<li>${escapeHtml(i.at)} · <a href="${escapeHtml(i.link)}">${escapeHtml(i.sentence)}</a></li>`,
      )
      .join(
        "",
      )}</ul><p><a href="${escapeHtml(`${base}/notifications`)}">${escapeHtml(t("notify.mail.list"))}</a> · <a href="${escapeHtml(`${base}/notifications#preferences`)}">${escapeHtml(t("notify.mail.manage"))}</a></p>`,
  });
}
