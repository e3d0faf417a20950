import type { Locale } from "@sesame/kit/i18n/i18n";
import type { MailMessage } from "@sesame/kit/mail/outbox";
import { html, type SafeHtml } from "@sesame/kit/ui/html";
import { translate } from "../i18n/messages";

/** "Équipe des comptes Sésame" <SESAME_MAIL_FROM>, in the mail's language. */
export function senderFor(locale: Locale, address: string): string {
  const name = translate(locale)("signup.mail.sender").replace(/["\\]/g, "");
  return `"${name}" <${address}>`;
}

function layout(brand: string, title: string, paragraphs: SafeHtml): string {
  return html`<!doctype html><html><body style="font-family:Segoe UI,Arial,sans-serif;color:#1b1b1b">
<p style="color:#5e5e5e;font-size:15px">${brand}</p>
<h1 style="color:#0067b8;font-size:28px;font-weight:600">${title}</h1>
${paragraphs}
</body></html>`.value;
}

/** The seed's "Vérifier votre adresse courriel" mail, with the security code. */
export function verificationMail(locale: Locale, to: string, from: string, code: string): MailMessage {
  const t = translate(locale);
  const subject = t("signup.mail.verify.subject");
  const codeLine = t("signup.mail.verify.code", { code });
  const text = [
    t("signup.mail.verify.brand"),
    "",
    subject,
    "",
    t("signup.mail.verify.intro"),
    "",
    codeLine,
    "",
    t("signup.mail.verify.ignore"),
    "",
    t("signup.mail.thanks"),
    t("signup.mail.signature"),
  ].join("\n");
  const label = codeLine.slice(0, codeLine.lastIndexOf(code)).trimEnd();
  const body = html`<p>${t("signup.mail.verify.intro")}</p>
<p>${label} <strong style="font-size:18px">${code}</strong></p>
<p>${t("signup.mail.verify.ignore")}</p>
<p>${t("signup.mail.thanks")}<br>${t("signup.mail.signature")}</p>`;
  return {
    to,
    from: senderFor(locale, from),
    subject,
    text,
    html: layout(t("signup.mail.verify.brand"), subject, body),
  };
}

/** Sent with the account, in the same transaction: proof for the person that it exists. */
export function welcomeMail(locale: Locale, to: string, from: string, origin: string): MailMessage {
  const t = translate(locale);
  const url = `${origin}/account`;
  const text = [
    t("signup.mail.welcome.title"),
    "",
    t("signup.mail.welcome.body", { email: to }),
    "",
    t("signup.mail.welcome.manage", { url }),
    "",
    t("signup.mail.thanks"),
    t("signup.mail.signature"),
  ].join("\n");
  const body = html`<p>${t("signup.mail.welcome.body", { email: to })}</p>
<p><a href="${url}">${t("signup.mail.welcome.manage", { url })}</a></p>
<p>${t("signup.mail.thanks")}<br>${t("signup.mail.signature")}</p>`;
  return {
    to,
    from: senderFor(locale, from),
    subject: t("signup.mail.welcome.subject"),
    text,
    html: layout(t("signup.mail.verify.brand"), t("signup.mail.welcome.title"), body),
  };
}
