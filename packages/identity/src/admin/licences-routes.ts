import { html } from "@sesame/kit/ui/html";
import type { FastifyInstance } from "fastify";
import type { IdentityContext } from "../context";
import { assignedLicences, listSubscriptions } from "../licences/licence-queries";
import { listWorkAccounts } from "../tenants/work-account-queries";
import { tr } from "../ui/page";
import { adminScreen } from "./admin-screen";

/** Licences: each subscription's seats (total, assigned, available), services and holders. */
export function registerLicencesRoutes(app: FastifyInstance, ctx: IdentityContext): void {
  adminScreen(app, ctx, "/admin/licences", async (request, _reply, admin) => {
    const t = tr(request);
    const tenantId = admin.tenant.id;
    const [subscriptions, licences, users] = await Promise.all([
      listSubscriptions(ctx.db, tenantId),
      assignedLicences(ctx.db, { tenantId }),
      listWorkAccounts(ctx.db, tenantId),
    ]);
    const nameOf = (id: string) => users.find((u) => u.id === id)?.email ?? id;
    const body = subscriptions.length
      ? html`<table><thead><tr><th scope="col">${t("admin.licences.product")}</th>
<th scope="col">${t("admin.licences.available")}</th><th scope="col">${t("admin.licences.assigned")}</th>
<th scope="col">${t("admin.licences.total")}</th><th scope="col">${t("admin.licences.services")}</th>
<th scope="col">${t("admin.users.upn")}</th></tr></thead><tbody>${subscriptions.map(
          (s) => html`<tr><td>${s.displayName}<br><span class="muted">${s.skuPartNumber}</span></td>
<td>${s.seats - s.assigned}</td><td>${s.assigned}</td><td>${s.seats}</td>
<td>${s.servicePlans.map((p) => p.servicePlanName).join(", ")}</td>
<td>${licences.filter((l) => l.skuId === s.skuId).map((l) => html`${nameOf(l.accountId)}<br>`)}</td></tr>`,
        )}</tbody></table>`
      : html`<p>${t("admin.licences.none")}</p>`;
    return { title: t("admin.nav.licences"), body };
  });
}
