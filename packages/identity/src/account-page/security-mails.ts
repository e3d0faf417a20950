import type { Locale } from "@sesame/kit/i18n/i18n";
import type { MailMessage } from "@sesame/kit/mail/outbox";
import { html } from "@sesame/kit/ui/html";
import { translate } from "../i18n/messages";
import { senderFor } from "../signup/signup-mails";
import { deviceLabel } from "./device-label";
import { type FactorEvent, factorEventText, isFactorEvent } from "./factor-mail-text";
import { type Place, placeName } from "./ip-place";

export type SecurityEvent =
  | {
      readonly kind: "new-sign-in";
      readonly at: number;
      readonly ip: string;
      /** The approximate place of `ip`, looked up by the caller (the lookup may read the data file). */
      readonly place: Place;
      readonly userAgent: string;
    }
  | { readonly kind: "password-changed"; readonly at: number }
  | { readonly kind: "deletion-requested"; readonly at: number; readonly dueAt: number }
  | FactorEvent;

/** One formatter per language and style: building an Intl.DateTimeFormat costs more than the rest of the mail. */
const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(locale: Locale, withTime = true): Intl.DateTimeFormat {
  const key = `${locale}:${withTime}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale === "fr" ? "fr-FR" : "en-GB", {
      dateStyle: "long",
      ...(withTime ? { timeStyle: "short" } : {}),
      timeZone: "Europe/Paris",
    });
    dateFormats.set(key, format);
  }
  return format;
}

/** A security mail in the holder's language, with its "This wasn't me" link. */
export function securityMail(
  locale: Locale,
  input: { to: string; from: string; event: SecurityEvent; notMeUrl: string },
): MailMessage {
  const t = translate(locale);
  const date = dateFormat(locale).format(new Date(input.event.at));
  const { event } = input;
  const [subject, what] = ((): [string, string] => {
    if (isFactorEvent(event)) return factorEventText(t, event, input.to, date);
    switch (event.kind) {
      case "new-sign-in":
        return [
          t("security.mail.newSignIn.subject"),
          t("security.mail.newSignIn.body", {
            email: input.to,
            date,
            ip: event.ip,
            place: placeName(t, locale, event.place),
            device: ((d) => (d ? t("account.sessions.deviceLabel", d) : t("security.mail.unknownDevice")))(
              deviceLabel(event.userAgent),
            ),
          }),
        ];
      case "password-changed":
        return [
          t("security.mail.passwordChanged.subject"),
          t("security.mail.passwordChanged.body", { email: input.to, date }),
        ];
      case "deletion-requested":
        return [
          t("deletion.mail.subject"),
          t("deletion.mail.body", { email: input.to, date, due: longDate(locale, event.dueAt) }),
        ];
    }
  })();
  const notMe = t("security.mail.notMe", { url: input.notMeUrl });
  const text = [subject, "", what, "", t("security.mail.ifYou"), notMe, "", t("signup.mail.signature")].join(
    "\n",
  );
  const body = html`<!doctype html><html><body style="font-family:Segoe UI,Arial,sans-serif;color:#1b1b1b">
<h1 style="color:#0067b8;font-size:24px;font-weight:600">${subject}</h1>
<p>${what}</p>
<p>${t("security.mail.ifYou")}</p>
<p><a href="${input.notMeUrl}" style="background:#0067b8;color:#fff;padding:8px 16px;text-decoration:none">${t("security.mail.notMeLink")}</a></p>
<p>${t("signup.mail.signature")}</p>
</body></html>`;
  return { to: input.to, from: senderFor(locale, input.from), subject, text, html: body.value };
}

/** A day in the holder's language, Paris time: when a closed account is erased. */
export const longDate = (locale: Locale, ms: number): string =>
  dateFormat(locale, false).format(new Date(ms));
