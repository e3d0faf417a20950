import { csrfField } from "@sesame/kit/ui/forms";
import { html } from "@sesame/kit/ui/html";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { enterpriseApplications, revokeApplicationAccess } from "../apps/application-grants";
import type { IdentityContext } from "../context";
import { tr } from "../ui/page";
import { adminScreen } from "./admin-screen";
import { appRegistrationsSection } from "./app-registrations-view";

const revokeForm = z.object({ appId: z.string().max(64) });

/**
 * Enterprise applications: what each application may do in the organization, with revoke; then the
 * organization's own app registrations and their redirect URIs by platform.
 */
export function registerApplicationsRoutes(app: FastifyInstance, ctx: IdentityContext): void {
  const screen = adminScreen(app, ctx, "/admin/applications", async (request, reply, admin) => {
    const t = tr(request);
    const apps = await enterpriseApplications(ctx.db, admin.tenant.id);
    const csrf = csrfField(reply);
    const enterprise = apps.length
      ? html`<p>${t("admin.apps.lead")}</p>${apps.map(
          (a) => html`<section aria-labelledby="app-${a.appId}"><h2 id="app-${a.appId}">${a.displayName}</h2>
<p class="muted">${t("admin.apps.appId")} ${a.appId}${a.publisher ? ` · ${a.publisher}` : ""}</p>
<table><thead><tr><th scope="col">${t("admin.apps.api")}</th><th scope="col">${t("admin.apps.permission")}</th>
<th scope="col">${t("admin.apps.type")}</th><th scope="col">${t("admin.apps.grantedFor")}</th></tr></thead><tbody>${a.permissions.map(
            (p) => html`<tr><td>${p.resource}</td><td>${p.value}</td>
<td>${p.kind === "delegated" ? t("admin.apps.delegated") : t("admin.apps.application")}</td>
<td>${p.grantedFor === "AllPrincipals" ? t("admin.apps.allUsers") : p.grantedFor || t("admin.apps.organization")}</td></tr>`,
          )}</tbody></table>
<form method="post" action="/admin/applications/revoke">${csrf}<input type="hidden" name="appId" value="${a.appId}">
<button class="secondary" type="submit">${t("admin.apps.revoke", { app: a.displayName })}</button></form></section>`,
        )}`
      : html`<p>${t("admin.apps.none")}</p>`;
    const body = html`${enterprise}${await appRegistrationsSection(ctx.db, admin.tenant.id, t)}`;
    return { title: t("admin.nav.applications"), body };
  });

  screen.action("/admin/applications/revoke", {
    area: "applications",
    schema: revokeForm,
    run: (admin, form) => revokeApplicationAccess(ctx, admin.actor, admin.tenant.id, form.appId),
    done: () => "/admin/applications?done=1",
  });
}
