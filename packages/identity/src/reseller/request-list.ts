import type { Locale } from "@sesame/kit/i18n/i18n";
import { html, type SafeHtml } from "@sesame/kit/ui/html";
import type { T } from "../i18n/messages";
import type { resellerRequestRows } from "./request-decisions";

type Row = Awaited<ReturnType<typeof resellerRequestRows>>[number];

/** A date as the page's reader reads it: their language, Paris time. */
export const parisDate = (ms: number, locale: Locale): string =>
  new Date(Number(ms)).toLocaleString(locale === "fr" ? "fr-FR" : "en-GB", {
    dateStyle: "short",
    timeStyle: "short",
    timeZone: "Europe/Paris",
  });

/** The licence requests received, each with who asked for which firm, and the reseller's two answers. */
export function requestTable(t: T, locale: Locale, csrf: SafeHtml, rows: readonly Row[]): SafeHtml {
  const actions = (r: Row) =>
    r.status !== "received"
      ? html`${r.status_reason ? html`<span class="muted">${r.status_reason}</span>` : ""}`
      : html`<form method="post" action="/reseller/requests/${r.id}" class="inline">${csrf}<input type="hidden" name="decision" value="fulfilled"><button type="submit" class="primary">${t("reseller.request.fulfil")}</button></form>
<form method="post" action="/reseller/requests/${r.id}" class="inline">${csrf}<input type="hidden" name="decision" value="declined">
<label for="reason-${r.id}">${t("reseller.request.reason")}</label><input type="text" id="reason-${r.id}" name="reason" required maxlength="500">
<button type="submit" class="danger">${t("reseller.request.decline")}</button></form>`;
  return html`<table class="stack"><thead><tr><th scope="col">${t("admin.logs.when")}</th><th scope="col">${t("reseller.companyName")}</th>
<th scope="col">${t("reseller.product")}</th><th scope="col">${t("reseller.seats")}</th><th scope="col">${t("reseller.request.by")}</th>
<th scope="col">${t("admin.domains.status")}</th><th scope="col">${t("reseller.request.actions")}</th></tr></thead>
<tbody>${rows.map(
    (
      r,
    ) => html`<tr><td>${parisDate(r.created_at, locale)}</td><td>${r.customer_name}</td><td>${r.product ?? r.sku_part_number}</td><td>${r.quantity}</td>
<td>${r.contact_email}${r.firm ? html`<br><span class="muted">${r.firm}</span>` : ""}</td><td>${t(`reseller.request.status.${r.status}`)}</td><td>${actions(r)}</td></tr>`,
  )}</tbody></table>`;
}
