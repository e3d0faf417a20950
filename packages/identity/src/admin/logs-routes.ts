import { html } from "@sesame/kit/ui/html";
import type { FastifyInstance } from "fastify";
import { listAudit, listSignIns } from "../audit/audit-log";
import type { IdentityContext } from "../context";
import { tr } from "../ui/page";
import { formatTime } from "./admin-page";
import { adminScreen } from "./admin-screen";

/** Sign-in logs and audit logs: who did what, when, from where (newest first, 200 rows). */
export function registerLogsRoutes(app: FastifyInstance, ctx: IdentityContext): void {
  adminScreen(app, ctx, "/admin/audit", async (request, _reply, admin) => {
    const t = tr(request);
    const rows = await listAudit(ctx.db, admin.tenant.id);
    const body = rows.length
      ? html`<table><thead><tr><th scope="col">${t("admin.logs.when")}</th><th scope="col">${t("admin.logs.who")}</th>
<th scope="col">${t("admin.logs.what")}</th><th scope="col">${t("admin.logs.target")}</th>
<th scope="col">${t("admin.logs.from")}</th></tr></thead><tbody>${rows.map(
          (r) => html`<tr><td>${formatTime(r.created_at, request.locale)}</td><td>${r.actor_name}</td>
<td>${r.action}${r.detail !== "{}" ? html`<br><span class="muted">${r.detail}</span>` : html``}</td>
<td>${r.target}</td><td>${r.source}</td></tr>`,
        )}</tbody></table>`
      : html`<p>${t("admin.logs.empty")}</p>`;
    return { title: t("admin.nav.audit"), body };
  });
  adminScreen(app, ctx, "/admin/sign-ins", async (request, _reply, admin) => {
    const t = tr(request);
    const rows = await listSignIns(ctx.db, admin.tenant.id);
    const body = rows.length
      ? html`<table><thead><tr><th scope="col">${t("admin.logs.when")}</th><th scope="col">${t("admin.logs.user")}</th>
<th scope="col">${t("admin.logs.result")}</th><th scope="col">${t("admin.logs.app")}</th>
<th scope="col">${t("admin.logs.from")}</th></tr></thead><tbody>${rows.map(
          (
            r,
          ) => html`<tr><td>${formatTime(r.created_at, request.locale)}</td><td>${r.user_principal_name}</td>
<td>${r.result}</td><td>${r.client_id ?? ""}</td><td>${r.ip}</td></tr>`,
        )}</tbody></table>`
      : html`<p>${t("admin.logs.empty")}</p>`;
    return { title: t("admin.nav.signins"), body };
  });
}
