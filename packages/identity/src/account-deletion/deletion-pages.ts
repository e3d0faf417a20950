import type { Locale } from "@sesame/kit/i18n/i18n";
import { describedBy, fieldError } from "@sesame/kit/ui/forms";
import { html, type SafeHtml } from "@sesame/kit/ui/html";
import { longDate } from "../account-page/security-mails";
import type { T } from "../i18n/messages";

export interface ClosingForm {
  readonly sid: string;
  readonly email: string;
  /** When the account would be erased if closed now. */
  readonly dueAt: number;
  readonly errors: { readonly password?: string; readonly confirm?: string };
}

/** "Close your account": what happens, then the password and a tick to confirm. */
export function closingPage(t: T, locale: Locale, csrf: SafeHtml, form: ClosingForm): SafeHtml {
  const date = longDate(locale, form.dueAt);
  const { errors } = form;
  return html`<p><a href="/account?sid=${encodeURIComponent(form.sid)}">← ${t("account.title")}</a></p>
<h1>${t("deletion.title")}</h1>
<p>${t("deletion.lead", { email: form.email })}</p>
<ul>
<li>${t("deletion.step.now")}</li>
<li>${t("deletion.step.grace", { date })}</li>
<li>${t("deletion.step.erase")}</li>
</ul>
<p><a href="/account/export?sid=${encodeURIComponent(form.sid)}" download>${t("deletion.step.export")}</a></p>
<form method="post" action="/account/close" novalidate>${csrf}<input type="hidden" name="sid" value="${form.sid}">
<label for="password">${t("deletion.password")}</label>
<p class="muted" id="password-help">${t("deletion.passwordHelp")}</p>
<input id="password" name="password" type="password" autocomplete="current-password" required
 aria-invalid="${errors.password ? "true" : "false"}" aria-describedby="password-help ${describedBy("password", errors.password) ?? ""}">
${fieldError("password", errors.password)}
<div class="check"><input type="checkbox" id="confirm" name="confirm" value="yes" required
 aria-invalid="${errors.confirm ? "true" : "false"}"${errors.confirm ? html` aria-describedby="confirm-error"` : html``}><label for="confirm">${t("deletion.confirm", { date })}</label></div>
${fieldError("confirm", errors.confirm)}
<div class="actions"><a class="button secondary" href="/account?sid=${encodeURIComponent(form.sid)}">${t("deletion.keep")}</a>
<button class="danger" type="submit">${t("deletion.submit")}</button></div>
</form>`;
}

/** At sign-in, for an account whose closing is pending: reopen it, or leave it closed. */
export function reopenPage(
  t: T,
  locale: Locale,
  csrf: SafeHtml,
  input: {
    readonly token: string;
    readonly email: string;
    readonly requestedAt: number;
    readonly dueAt: number;
  },
): SafeHtml {
  return html`<p class="identity">${input.email}</p>
<h1>${t("deletion.reopen.title")}</h1>
<p>${t("deletion.reopen.lead", { requested: longDate(locale, input.requestedAt), due: longDate(locale, input.dueAt) })}</p>
<form method="post" action="/login/reopen">${csrf}<input type="hidden" name="token" value="${input.token}">
<div class="actions"><button class="secondary" type="submit" name="answer" value="keep">${t("deletion.reopen.no")}</button>
<button class="primary" type="submit" name="answer" value="reopen">${t("deletion.reopen.yes")}</button></div>
</form>`;
}
