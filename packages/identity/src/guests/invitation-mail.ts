import type { Locale } from "@sesame/kit/i18n/i18n";
import type { MailMessage } from "@sesame/kit/mail/outbox";
import { html } from "@sesame/kit/ui/html";
import { translate } from "../i18n/messages";

export interface InvitationMailInput {
  readonly locale: Locale;
  readonly to: string;
  readonly from: string;
  readonly organisation: string;
  readonly customMessage: string | undefined;
  readonly redeemUrl: string;
}

/** Microsoft's invitation mail: the organisation's name, the inviter's message, the redeem link. */
export function invitationMail(input: InvitationMailInput): MailMessage {
  const t = translate(input.locale);
  const org = { org: input.organisation };
  const subject = t("guest.mail.subject", org);
  const message = input.customMessage?.trim();
  const text = [
    t("guest.mail.intro", org),
    "",
    ...(message ? [t("guest.mail.message"), message, ""] : []),
    t("guest.mail.link", { url: input.redeemUrl }),
    "",
    t("guest.mail.noAccount"),
    "",
    t("guest.mail.ignore"),
  ].join("\n");
  const body = html`<!doctype html><html lang="${input.locale}"><body style="font-family:Segoe UI,Arial,sans-serif;color:#1b1b1b">
<h1 style="font-size:22px;font-weight:600">${subject}</h1>
<p>${t("guest.mail.intro", org)}</p>
${message ? html`<p>${t("guest.mail.message")}</p><blockquote style="white-space:pre-wrap">${message}</blockquote>` : ""}
<p><a href="${input.redeemUrl}" style="background:#0067b8;color:#fff;padding:8px 16px;text-decoration:none">${t("guest.mail.accept")}</a></p>
<p>${t("guest.mail.link", { url: input.redeemUrl })}</p>
<p>${t("guest.mail.noAccount")}</p>
<p style="color:#5e5e5e">${t("guest.mail.ignore")}</p>
</body></html>`;
  const sender = t("guest.mail.sender", org).replace(/["\\\r\n]/g, "");
  return { to: input.to, from: `"${sender}" <${input.from}>`, subject, text, html: body.value };
}
