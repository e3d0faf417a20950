import type { Locale } from "@sesame/kit/i18n/i18n";
import { csrfField } from "@sesame/kit/ui/forms";
import { html, type SafeHtml } from "@sesame/kit/ui/html";
import type { FastifyReply } from "fastify";
import type { Account } from "../accounts/account-queries";
import { countryName } from "../countries/countries";
import type { T } from "../i18n/messages";
import type { ActiveSession } from "../sessions/sessions";
import type { AccountSession, ConsentedApplication, SignInAttempt } from "./account-activity-queries";
import type { Place } from "./ip-place";
import { deviceAndPlace, signInActivitySection } from "./sign-in-activity";

export interface AccountView {
  readonly holder: ActiveSession;
  readonly sessions: readonly AccountSession[];
  /** The latest sign-in attempts, newest first. */
  readonly signIns: readonly SignInAttempt[];
  /** The approximate place of every address the sessions and sign-ins name. */
  readonly places: ReadonlyMap<string, Place>;
  readonly applications: readonly ConsentedApplication[];
  readonly hasMailbox: boolean;
  /** The authenticator app, when set up, and how many recovery codes are left. */
  readonly totp: { readonly on: boolean; readonly recoveryCodesLeft: number };
  /** How many passkeys the account has. */
  readonly passkeys: number;
  /** The confirmation of the action just done, shown once. */
  readonly done: SafeHtml | undefined;
}

/** "12 avril 1988" / "12 April 1988": a birth date is a calendar day, read in UTC so no zone shifts it. */
function birthDate(locale: Locale, isoDay: string): string {
  const day = new Date(`${isoDay}T00:00:00Z`);
  if (Number.isNaN(day.getTime())) return isoDay;
  return new Intl.DateTimeFormat(locale === "fr" ? "fr-FR" : "en-GB", {
    dateStyle: "long",
    timeZone: "UTC",
  }).format(day);
}

/** The account page: profile, open sessions, allowed applications, privacy. */
export function accountPage(t: T, locale: Locale, reply: FastifyReply, view: AccountView): SafeHtml {
  const { account } = view.holder;
  const sid = view.holder.id;
  const when = new Intl.DateTimeFormat(locale === "fr" ? "fr-FR" : "en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "Europe/Paris",
  });
  const date = (ms: number) => when.format(new Date(ms));
  const hidden = html`${csrfField(reply)}<input type="hidden" name="sid" value="${sid}">`;
  const sessionItem = (s: AccountSession) => html`<li>
<p>${deviceAndPlace(t, locale, { ...s, place: view.places.get(s.ip) ?? { kind: "unknown" } })}${s.id === sid ? html` · <span class="success">${t("account.sessions.current")}</span>` : html``}</p>
<p class="muted">${t("account.sessions.opened")} ${date(s.createdAt)} · ${t("account.sessions.lastSeen")} ${date(s.lastSeenAt)}</p>
<form method="post" action="/account/sessions/end">${hidden}<input type="hidden" name="session" value="${s.id}">
<button class="secondary" type="submit" aria-label="${t("account.sessions.endLabel", { date: date(s.createdAt) })}">${t("account.sessions.end")}</button></form>
</li>`;
  const appItem = (a: ConsentedApplication) => html`<li>
<p><strong>${a.displayName}</strong></p>
<p class="muted">${t("account.apps.publisher", { publisher: a.publisher })} · ${t("account.apps.since", { date: date(a.grantedAt) })}</p>
${a.permissions.map((p) => html`<p>${t("account.apps.permissions", { resource: p.resource })}: <span class="mono">${p.scopes.join(" ")}</span></p>`)}
<form method="post" action="/account/apps/withdraw">${hidden}<input type="hidden" name="client" value="${a.clientAppId}">
<button class="secondary" type="submit" aria-label="${t("account.apps.withdrawLabel", { app: a.displayName })}">${t("account.apps.withdraw")}</button></form>
</li>`;
  return html`<h1>${t("account.title")}</h1>
${view.done ? html`<p class="notice" role="status">${view.done}</p>` : html``}
<p>${t("account.signedInAs", { email: account.email })}</p>
<dl>
<dt>${t("account.name")}</dt><dd>${account.display_name}</dd>
<dt>${t("account.email")}</dt><dd class="mono">${account.email}</dd>
<dt>${t("account.country")}</dt><dd>${account.country ? (countryName(locale, account.country) ?? account.country) : ""}</dd>
${account.birth_date ? html`<dt>${t("account.birthDate")}</dt><dd><time datetime="${account.birth_date}">${birthDate(locale, account.birth_date)}</time></dd>` : html``}
<dt>${t("account.profile.language")}</dt><dd>${t(account.language === "en" ? "account.languageName.en" : "account.languageName.fr")}</dd>
</dl>
<p><a href="/account/profile?sid=${encodeURIComponent(sid)}">${t("account.profile.edit")}</a></p>
${view.hasMailbox ? html`<p><a href="/mail">${t("account.openMail")}</a></p>` : html``}
<h2>${t("security.title")}</h2>
${
  view.totp.on
    ? html`<p>${t("security.totpOn", { remaining: String(view.totp.recoveryCodesLeft) })}</p>
<form method="post" action="/account/security/totp/remove">${hidden}
<div class="actions"><button class="secondary" type="submit">${t("totp.remove")}</button></div></form>`
    : html`<p>${t("security.totpOff")}</p><p><a href="/account/security/totp?sid=${encodeURIComponent(sid)}">${t("security.addTotp")}</a></p>`
}
<p>${t("security.passkeys", { count: String(view.passkeys) })} <a href="/account/security/passkeys?sid=${encodeURIComponent(sid)}">${t("security.managePasskeys")}</a></p>
<h2>${t("account.sessions.title")}</h2>
<p>${t("account.sessions.intro")}</p>
<ul class="accounts">${view.sessions.map(sessionItem)}</ul>
<form method="post" action="/account/sessions/end-all">${hidden}
<p class="muted" id="end-all-help">${t("account.sessions.endAllHelp")}</p>
<button class="secondary" type="submit" aria-describedby="end-all-help">${t("account.sessions.endAll")}</button></form>
${signInActivitySection(t, locale, { signIns: view.signIns, places: view.places, date })}
<h2>${t("account.apps.title")}</h2>
<p>${t("account.apps.intro")}</p>
${view.applications.length ? html`<ul class="accounts">${view.applications.map(appItem)}</ul>` : html`<p class="muted">${t("account.apps.none")}</p>`}
<h2 id="privacy">${t("account.privacy.title")}</h2>
<p>${t("account.privacy.exportHelp")}</p>
<p><a class="button secondary" href="/account/export?sid=${encodeURIComponent(sid)}" download>${t("account.privacy.export")}</a></p>
${closingSection(t, account, sid)}
<p><a href="/select-account?return=${encodeURIComponent("/account")}">${t("account.switch")}</a></p>
<form method="post" action="/logout">${csrfField(reply)}
<div class="actions"><button class="secondary" type="submit">${t("account.signout")}</button></div></form>`;
}

/** The account page's last section: close the account, or who can (a work account's administrator). */
function closingSection(t: T, account: Pick<Account, "kind">, sid: string): SafeHtml {
  return html`<h2>${t("deletion.section")}</h2>
${
  account.kind === "personal"
    ? html`<p>${t("deletion.sectionLead")}</p>
<p><a class="button danger" href="/account/close?sid=${encodeURIComponent(sid)}">${t("deletion.open")}</a></p>`
    : html`<p>${t("deletion.workAccount")}</p>`
}`;
}
