import { csrfField } from "@sesame/kit/ui/forms";
import { html } from "@sesame/kit/ui/html";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { IdentityContext } from "../context";
import { roleCatalogue } from "../roles/role-catalogue";
import { roleMembers } from "../roles/role-queries";
import { setPasswordGrant, setUserConsent } from "../tenants/tenant-changes";
import { findTenant } from "../tenants/tenant-queries";
import { listWorkAccounts } from "../tenants/work-account-queries";
import { tr } from "../ui/page";
import { adminScreen } from "./admin-screen";

const settingsForm = z.object({
  userConsent: z.enum(["allow", "deny"]),
  // Optional: a form without it (an older page) leaves the setting as it is.
  passwordGrant: z.enum(["allow", "deny"]).optional(),
});

/** Home, roles and settings: the organization at a glance, who holds which role, user consent. */
export function registerOverviewRoutes(app: FastifyInstance, ctx: IdentityContext): void {
  adminScreen(app, ctx, "/admin", async (request, _reply, admin) => {
    const t = tr(request);
    const users = await listWorkAccounts(ctx.db, admin.tenant.id);
    const body = html`<p>${t("admin.home.lead", { tenant: admin.tenant.display_name, id: admin.tenant.id })}</p>
<p>${t("admin.home.users", { count: users.length })}</p>
<p>${t("admin.home.yourRoles", { roles: admin.roles.map((r) => t(`role.${r}` as never)).join(", ") })}</p>`;
    return { body };
  });

  adminScreen(app, ctx, "/admin/roles", async (request, _reply, admin) => {
    const t = tr(request);
    const members = await roleMembers(ctx.db, admin.tenant.id);
    const body = html`<p>${t("admin.roles.lead")}</p>
<table><thead><tr><th scope="col">${t("admin.roles.role")}</th><th scope="col">${t("admin.roles.members")}</th>
<th scope="col">${t("admin.roles.templateId")}</th></tr></thead><tbody>${roleCatalogue.map((r) => {
      const holders = members.filter((m) => m.roleTemplateId === r.id);
      return html`<tr><td>${t(`role.${r.id}` as never)}</td>
<td>${holders.length ? holders.map((m) => html`<a href="/admin/users/${m.accountId}">${m.email}</a><br>`) : t("admin.none")}</td>
<td><code>${r.id}</code></td></tr>`;
    })}</tbody></table>`;
    return { title: t("admin.nav.roles"), body };
  });

  const screen = adminScreen(app, ctx, "/admin/settings", async (request, reply, admin) => {
    const t = tr(request);
    const tenant = (await findTenant(ctx.db, admin.tenant.id)) ?? admin.tenant;
    const allowed = tenant.user_consent_allowed === 1;
    const password = tenant.password_grant_allowed === 1;
    const radio = (name: string, value: "allow" | "deny", checked: boolean, label: string) =>
      html`<div class="check"><input type="radio" id="${name === "userConsent" ? "consent" : "password"}-${value}" name="${name}" value="${value}"${checked ? html` checked` : html``}>
<label for="${name === "userConsent" ? "consent" : "password"}-${value}">${label}</label></div>`;
    const body = html`<form method="post" action="/admin/settings">${csrfField(reply)}
<fieldset><legend>${t("admin.settings.userConsent")}</legend>
${radio("userConsent", "allow", allowed, t("admin.settings.allow"))}${radio("userConsent", "deny", !allowed, t("admin.settings.deny"))}</fieldset>
<fieldset><legend>${t("admin.settings.passwordGrant")}</legend>
${radio("passwordGrant", "allow", password, t("admin.settings.passwordAllow"))}${radio("passwordGrant", "deny", !password, t("admin.settings.passwordDeny"))}</fieldset>
<div class="actions"><button class="primary" type="submit">${t("admin.save")}</button></div></form>`;
    return { title: t("admin.nav.settings"), body };
  });

  screen.action("/admin/settings", {
    area: "settings",
    schema: settingsForm,
    run: async (admin, form) => {
      await setUserConsent(ctx, admin.actor, admin.tenant, form.userConsent === "allow");
      if (form.passwordGrant)
        await setPasswordGrant(ctx, admin.actor, admin.tenant, form.passwordGrant === "allow");
    },
    done: () => "/admin/settings?done=1",
  });
}
