import type { Locale } from "@sesame/kit/i18n/i18n";
import type { MailMessage } from "@sesame/kit/mail/outbox";
import { html } from "@sesame/kit/ui/html";
import { translate } from "../i18n/messages";

/** The security-code mail of a password reset, in the reader's language, text and HTML. */
export function resetCodeMail(locale: Locale, to: string, from: string, code: string): MailMessage {
  const t = translate(locale);
  const subject = t("reset.mail.subject");
  const lines = [
    t("reset.mail.intro", { email: to }),
    t("reset.mail.code", { code }),
    t("reset.mail.ignore"),
    `${t("reset.mail.thanks")}\n${t("reset.mail.signature")}`,
  ];
  const body = html`<!doctype html><html lang="${locale}"><body style="font-family:Segoe UI,Arial,sans-serif;color:#1b1b1b">
<h1 style="color:#0067b8;font-size:24px;font-weight:600">${subject}</h1>
${lines.map((line) => html`<p>${line}</p>`)}
</body></html>`;
  const name = t("reset.mail.sender").replace(/["\\]/g, "");
  return {
    to,
    from: `"${name}" <${from}>`,
    subject,
    text: `${subject}\n\n${lines.join("\n\n")}\n`,
    html: body.value,
  };
}
