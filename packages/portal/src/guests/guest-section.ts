import { html, type SafeHtml } from "@sesame/kit/ui/html";
import type { T } from "../i18n/messages";
import type { ContactTable } from "../storage/contact-tables";
import type { ContactGuestTable } from "../storage/guest-tables";
import { wayIn } from "./guest-access-rules";
import type { InvitePermission } from "./guest-graph-client";

/** No Microsoft account, or an organisation that has not approved the firm's application yet. */
const fastest = (c: ContactTable) =>
  c.readiness_kind === "none" || (c.readiness_kind === "work" && c.readiness_consent !== "approved");

/** The contact page's part: how the person came in, and the "Accès invité" switch. */
export function contactGuestSection(
  t: T,
  input: { contact: ContactTable; guest: ContactGuestTable | undefined; base: string; csrf: SafeHtml },
): SafeHtml {
  const way = wayIn(input.contact, input.guest);
  const on = input.guest?.enabled === 1;
  return html`<h2>${t("guest.contact.title")}</h2>
${way ? html`<p><strong>${t("guest.way.label")}${t("portal.colon")}</strong> <span class="way way-${way}">${t(`guest.way.${way}`)}</span></p>` : ""}
<p>${on ? t("guest.contact.on") : t("guest.contact.off")}</p>
${!on && !input.contact.tid && fastest(input.contact) ? html`<p class="notice">${t("guest.contact.fastest")}</p>` : ""}
<p class="muted">${t("guest.contact.why")}</p>
<form method="post" action="${input.base}/guest-access" class="inline">${input.csrf}
<input type="hidden" name="access" value="${on ? "off" : "on"}">
<button type="submit" class="${on ? "secondary" : "primary"}">${on ? t("guest.contact.turnOff") : t("guest.contact.turnOn")}</button></form>`;
}

/** The settings page's part: the firm's default, and whether its tenant lets the portal invite. */
export function settingsGuestSection(
  t: T,
  input: { firmCode: string; byDefault: boolean; permission: InvitePermission; csrf: SafeHtml },
): SafeHtml {
  return html`<h2>${t("guest.settings.title")}</h2>
<p>${t("guest.settings.lead")}</p>
<p ${input.permission === "granted" ? "" : html`role="alert"`}>${t(`guest.permission.${input.permission}`)}</p>
<form method="post" action="/${input.firmCode}/settings/guest-access">${input.csrf}
<fieldset><legend>${t("guest.settings.default")}</legend>
<label><input type="radio" name="access" value="on" ${input.byDefault ? "checked" : ""}> ${t("guest.settings.default.on")}</label>
<label><input type="radio" name="access" value="off" ${input.byDefault ? "" : "checked"}> ${t("guest.settings.default.off")}</label>
</fieldset>
<button type="submit" class="primary">${t("guest.settings.save")}</button></form>`;
}
