import type { Locale } from "@sesame/kit/i18n/i18n";
import type { MailMessage } from "@sesame/kit/mail/outbox";
import { html } from "@sesame/kit/ui/html";
import { translate } from "../i18n/messages";

/** The one-time passcode mail, sent in the inviting organisation's name. */
export function guestCodeMail(
  locale: Locale,
  to: string,
  from: string,
  organisation: string,
  code: string,
): MailMessage {
  const t = translate(locale);
  const params = { org: organisation, code };
  const text = t("guest.otp.mail.body", params);
  const sender = t("guest.mail.sender", { org: organisation }).replace(/["\\\r\n]/g, "");
  const body = html`<!doctype html><html lang="${locale}"><body style="font-family:Segoe UI,Arial,sans-serif">
<p style="white-space:pre-line">${text}</p></body></html>`;
  return {
    to,
    from: `"${sender}" <${from}>`,
    subject: t("guest.otp.mail.subject", params),
    text,
    html: body.value,
  };
}
