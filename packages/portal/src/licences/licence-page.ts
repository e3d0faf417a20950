import { csrfField, fieldError } from "@sesame/kit/ui/forms";
import { html, type SafeHtml } from "@sesame/kit/ui/html";
import type { FastifyReply, FastifyRequest } from "fastify";
import { formatDate } from "../firms/firm-nav";
import type { Firm } from "../firms/firm-queries";
import type { PortalContext } from "../service/portal-context";
import { sendPage, tr } from "../ui/page";
import { licenceSkus } from "./licence-catalog";
import type { RefusalReason } from "./licence-rules";
import type { LicenceSender } from "./licence-sender";
import { type LicenceRequest, listLicenceRequests } from "./licence-store";

const reasons = new Set<string>(["secret", "noApp", "noConsent", "token", "input", "access", "declined"]);

/** The licence page of the firm or of a client: the form, then the requests with their status. */
export async function licencePage(
  ctx: PortalContext,
  sender: LicenceSender | undefined,
  request: FastifyRequest,
  reply: FastifyReply,
  input: {
    firm: Firm;
    nav: SafeHtml;
    action: string;
    askTenant: boolean;
    contactId?: string;
    error?: boolean;
    noTenant?: boolean;
  },
) {
  const t = tr(request);
  const requests: LicenceRequest[] = await listLicenceRequests(ctx.db, input.firm.id, input.contactId);
  // The latest status from identity; a slow or failing identity leaves the last known one.
  await sender?.refresh(requests).catch(() => undefined);
  const state = (r: LicenceRequest) => {
    const status = t(`licence.status.${r.status}`);
    if (r.status === "rejected" && r.note?.startsWith("declined:")) {
      const why = r.note.slice("declined:".length);
      return `${status} — ${t("licence.reason.declined")}${why ? `${t("portal.colon")} ${why}` : ""}`;
    }
    const reason = r.status === "rejected" && r.note && reasons.has(r.note) ? r.note : undefined;
    return reason ? `${status} — ${t(`licence.reason.${reason as RefusalReason}`)}` : status;
  };
  return sendPage(request, reply, {
    title: t("licence.title"),
    wide: true,
    status: input.error ? 400 : 200,
    nav: input.nav,
    body: html`<h1>${t("licence.title")}</h1><p>${t("licence.lead")}</p>
${
  input.noTenant
    ? html`<p role="alert">${t("licence.noTenant")}</p>`
    : html`<form method="post" action="${input.action}">${csrfField(reply)}
${fieldError("licence", input.error ? t("licence.error") : undefined)}
<label for="sku">${t("licence.sku")}</label><select id="sku" name="sku">${licenceSkus.map((s) => html`<option value="${s.part}">${s.name}</option>`)}</select>
<label for="seats">${t("licence.seats")}</label><input id="seats" name="seats" type="number" min="1" max="10000" value="1" required>
${input.askTenant ? html`<label for="tenant">${t("licence.tenant")}</label><input type="text" id="tenant" name="tenant" required>` : ""}
<button type="submit" class="primary">${t("licence.submit")}</button></form>`
}
<h2>${t("licence.list")}</h2>
${
  requests.length === 0
    ? html`<p>${t("licence.none")}</p>`
    : html`<table><thead><tr><th scope="col">${t("licence.when")}</th><th scope="col">${t("licence.sku")}</th><th scope="col">${t("licence.seats")}</th><th scope="col">${t("licence.by")}</th><th scope="col">${t("licence.state")}</th></tr></thead>
<tbody>${requests.map((r) => html`<tr><td>${formatDate(r.created_at, request.locale)}</td><td>${licenceSkus.find((s) => s.part === r.sku)?.name ?? r.sku}</td><td>${r.seats}</td><td>${r.requested_by}</td><td>${state(r)}</td></tr>`)}</tbody></table>
${requests.some((r) => r.status === "pending_send") ? html`<p class="muted">${t("licence.pendingNote")}</p>` : ""}
${requests.some((r) => r.status === "supplier") ? html`<p class="muted">${t("licence.supplierNote")}</p>` : ""}`
}`,
  });
}
