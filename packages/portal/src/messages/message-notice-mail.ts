import { narrow } from "@sesame/kit/db/database";
import { enqueueMail } from "@sesame/kit/mail/outbox";
import type { MailTables } from "@sesame/kit/mail/outbox-table";
import { escapeHtml } from "@sesame/kit/ui/html";
import type { Kysely } from "kysely";
import { translate } from "../i18n/messages";
import type { FirmTable } from "../storage/firm-tables";
import type { PortalDB } from "../storage/schema";
import type { Person } from "./message-queries";

/** The "unread messages" mail, one per person, in their language, queued in the job's transaction. */
export async function queueNoticeMail(
  trx: Kysely<PortalDB>,
  input: {
    from: string;
    origin: string;
    firm: FirmTable;
    person: { email: string; name: string; language: "fr" | "en" };
    who: Person;
    lines: readonly { dossierId: string; dossier: string; count: number }[];
  },
): Promise<void> {
  const { firm, person } = input;
  const t = translate(person.language);
  const link = (dossierId: string) => `${input.origin}/${firm.code}/dossiers/${dossierId}/messages`;
  const lines = input.lines.map((l) => ({
    text: t("message.mail.line", { dossier: l.dossier, count: l.count }),
    href: link(l.dossierId),
  }));
  await enqueueMail(narrow<MailTables, PortalDB>(trx), {
    to: person.email,
    from: input.from,
    subject: t("message.mail.subject", { firm: firm.name }),
    text: [
      t("message.mail.greeting", { name: person.name }),
      "",
      t("message.mail.body", { firm: firm.name }),
      "",
      ...lines.map((l) => `- ${l.text}\n  ${t("message.mail.cta")}: ${l.href}`),
    ].join("\n"),
    html: `<p>${escapeHtml(t("message.mail.greeting", { name: person.name }))}</p><p>${escapeHtml(t("message.mail.body", { firm: firm.name }))}</p><ul>${lines
      .map((l) => `<li><a href="${escapeHtml(l.href)}">${escapeHtml(l.text)}</a></li>`)
      .join("")}</ul>`,
  });
}
