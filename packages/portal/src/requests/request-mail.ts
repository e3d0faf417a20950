import { narrow } from "@sesame/kit/db/database";
import { enqueueMail } from "@sesame/kit/mail/outbox";
import type { MailTables } from "@sesame/kit/mail/outbox-table";
import { escapeHtml } from "@sesame/kit/ui/html";
import type { Kysely } from "kysely";
import { translate } from "../i18n/messages";
import type { ContactTable } from "../storage/contact-tables";
import type { FirmTable } from "../storage/firm-tables";
import type { PortalDB } from "../storage/schema";
import { signUnsubscribe } from "./request-link";
import type { AwaitingItem } from "./request-queries";
import { urgency } from "./request-rules";

const dayIn = (day: string, locale: "fr" | "en") =>
  new Date(`${day}T12:00:00Z`).toLocaleDateString(locale === "fr" ? "fr-FR" : "en-GB", {
    dateStyle: "long",
    timeZone: "Europe/Paris",
  });

/**
 * The mail listing what a contact still owes, per list, in their language, each list with its own
 * link and its signed unsubscribe link; queued in the caller's transaction.
 */
export async function queueRequestMail(
  trx: Kysely<PortalDB>,
  input: {
    from: string;
    origin: string;
    firm: FirmTable;
    contact: ContactTable;
    items: readonly AwaitingItem[];
    key: string;
    today: string;
  },
): Promise<void> {
  const { firm, contact, origin } = input;
  const locale = contact.language;
  const t = translate(locale);
  const params = { firm: firm.name, name: `${contact.first_name} ${contact.last_name}` };
  const lists = [...new Set(input.items.map((i) => i.list_id))];
  const text: string[] = [t("request.mail.greeting", params), "", t("request.mail.body", params), ""];
  const html: string[] = [
    `<p>${escapeHtml(t("request.mail.greeting", params))}</p><p>${escapeHtml(t("request.mail.body", params))}</p>`,
  ];
  for (const listId of lists) {
    const items = input.items.filter((i) => i.list_id === listId);
    const first = items[0];
    if (!first) continue;
    const open = `${origin}/${firm.code}/dossiers/${first.dossier_id}/demandes/${listId}`;
    const stop = `${origin}/${firm.code}/demandes/desabonnement?t=${signUnsubscribe(input.key, contact.id, listId)}`;
    const heading = `${first.dossier_name} · ${first.title}`;
    const lines = items.map((i) => {
      const late = urgency(i.due_date, input.today) === "late";
      return t(late ? "request.mail.itemLate" : "request.mail.item", {
        label: i.label,
        date: dayIn(i.due_date, locale),
      });
    });
    text.push(
      heading,
      ...lines.map((l) => `- ${l}`),
      `${t("request.mail.open")}: ${open}`,
      `${t("request.mail.stop")}: ${stop}`,
      "",
    );
    html.push(
      `<h2>${escapeHtml(heading)}</h2><ul>${lines.map((l) => `<li>${escapeHtml(l)}</li>`).join("")}</ul><p><a href="${escapeHtml(open)}">${escapeHtml(t("request.mail.open"))}</a></p><p><small><a href="${escapeHtml(stop)}">${escapeHtml(t("request.mail.stop"))}</a></small></p>`,
    );
  }
  await enqueueMail(narrow<MailTables, PortalDB>(trx), {
    to: contact.email,
    from: input.from,
    subject: t("request.mail.subject", { ...params, count: input.items.length }),
    text: text.join("\n"),
    html: html.join(""),
  });
}
