import { isLocale, type Locale } from "@sesame/kit/i18n/i18n";
import type { MailMessage } from "@sesame/kit/mail/outbox";
import { escapeHtml } from "@sesame/kit/ui/html";
import { type MessageKey, translate } from "../i18n/messages";

/** A date in the reader's language, in UTC as the rest of the admin centre shows it. */
export function mailDate(ms: number, locale: Locale): string {
  return `${new Date(ms).toLocaleString(locale === "fr" ? "fr-FR" : "en-GB", { timeZone: "UTC", dateStyle: "long", timeStyle: "short" })} UTC`;
}

export const localeOf = (language: string): Locale => (isLocale(language) ? language : "fr");

/** One mail of the workflow, in the reader's language, its text also as simple HTML. */
export function workflowMail(
  input: { to: string; from: string; language: string },
  subject: MessageKey,
  text: MessageKey,
  params: (locale: Locale) => Record<string, string | number>,
): MailMessage {
  const locale = localeOf(input.language);
  const t = translate(locale);
  const p = params(locale);
  const body = t(text, p);
  return {
    to: input.to,
    from: input.from,
    subject: t(subject, p),
    text: body,
    html: `<p>${escapeHtml(body).replace(/\n/g, "<br>")}</p>`,
  };
}
