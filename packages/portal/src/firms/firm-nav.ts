import { html, type SafeHtml } from "@sesame/kit/ui/html";
import type { T } from "../i18n/messages";
import type { Firm, Staff } from "./firm-queries";

/** The header links of every staff page. */
export function firmNav(t: T, firm: Firm, staff: Staff): SafeHtml {
  const base = `/${firm.code}`;
  return html`<nav aria-label="${t("firm.nav.label")}" class="firm-nav">
<a href="${base}/onboarding">${t("dashboard.nav")}</a>
<a href="${base}/dossiers">${t("firm.nav.dossiers")}</a>
<a href="${base}/interlocuteurs">${t("firm.nav.contacts")}</a>
<a href="${base}/licences">${t("firm.nav.licences")}</a>
${staff.role === "accountant" ? "" : html`<a href="${base}/import">${t("firm.nav.import")}</a>`}
${staff.role === "admin" ? html`<a href="${base}/settings">${t("firm.nav.settings")}</a> <a href="${base}/rappels">${t("reminder.settings.title")}</a> <a href="${base}/journal">${t("journal.nav")}</a> <a href="${base}/branding">${t("branding.nav")}</a>` : ""}
<a href="${base}/notifications">${t("notify.nav")}${staff.unread ? html` <span class="badge">${staff.unread}<span class="visually-hidden"> ${t("notify.nav.unread")}</span></span>` : ""}</a>
<a href="${base}/accueil">${t("firmhome.nav")}</a>
<a href="/auth/signout">${t("firm.nav.signOut")}</a>
</nav>`;
}

export const formatDate = (at: number, locale: "fr" | "en"): string =>
  new Date(at).toLocaleString(locale === "fr" ? "fr-FR" : "en-GB", {
    dateStyle: "short",
    timeStyle: "short",
    timeZone: "Europe/Paris",
  });
