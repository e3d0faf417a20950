import { csrfField } from "@sesame/kit/ui/forms";
import { html } from "@sesame/kit/ui/html";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { IdentityContext } from "../context";
import type { AdminSetPassword } from "../directory/admin-password";
import { assignedLicences, listSubscriptions } from "../licences/licence-queries";
import { mayManageAccount } from "../roles/admin-rights";
import { rolesOf } from "../roles/role-queries";
import { DirectoryError } from "../tenants/directory-error";
import { requireWorkAccount } from "../tenants/work-account-queries";
import { tr } from "../ui/page";
import { temporaryPasswordNotice } from "./admin-page";
import { adminScreen } from "./admin-screen";
import { userActions } from "./user-actions";

const params = z.object({ id: z.string().max(64) });

/** One user's page: sign-in status, password, roles and licences, each a small form. */
export function registerUserRoutes(app: FastifyInstance, ctx: IdentityContext): void {
  const screen = adminScreen(
    app,
    ctx,
    "/admin/users/:id",
    async (request, reply, admin) => {
      const t = tr(request);
      const { id } = params.parse(request.params);
      const user = await requireWorkAccount(ctx.db, admin.tenant.id, id);
      const [roles, licences, skus] = await Promise.all([
        rolesOf(ctx.db, user.id),
        assignedLicences(ctx.db, { accountId: user.id }),
        listSubscriptions(ctx.db, admin.tenant.id),
      ]);
      const roleName = (roleId: string) => t(`role.${roleId}` as never);
      const csrf = csrfField(reply);
      const post = (action: string, label: string, fields = html``) =>
        html`<form method="post" action="/admin/users/${user.id}/${action}" class="inline">${csrf}${fields}
<button class="secondary" type="submit">${label}</button></form>`;
      const body = html`<table><tbody>
<tr><th scope="row">${t("admin.users.upn")}</th><td>${user.email}</td></tr>
<tr><th scope="row">${t("admin.users.jobTitle")}</th><td>${user.job_title ?? ""}</td></tr>
<tr><th scope="row">${t("admin.users.status")}</th><td>${user.enabled ? t("admin.users.enabled") : t("admin.users.disabled")}</td></tr>
<tr><th scope="row">${t("admin.user.mustChange")}</th><td>${user.must_change_password ? t("admin.yes") : t("admin.no")}</td></tr>
</tbody></table>
<div class="actions">
${post("enabled", user.enabled ? t("admin.user.block") : t("admin.user.unblock"), html`<input type="hidden" name="enabled" value="${user.enabled ? "0" : "1"}">`)}
${post("password", t("admin.user.reset"))}
${post("delete", t("admin.user.delete"))}
${post("authentication/reregister", t("admin.user.reregister"))}
</div>
<h2>${t("admin.users.roles")}</h2>
<ul>${roles.map((r) => html`<li>${roleName(r)} ${post("roles/remove", t("admin.user.removeRole", { role: roleName(r) }), html`<input type="hidden" name="roleId" value="${r}">`)}</li>`)}</ul>
<form method="post" action="/admin/users/${user.id}/roles">${csrf}
<label for="roleId">${t("admin.user.role")}</label>
<select id="roleId" name="roleId">${userActions.roleOptions.map((r) => html`<option value="${r.id}">${roleName(r.id)}</option>`)}</select>
<div class="actions"><button class="primary" type="submit">${t("admin.user.assignRole")}</button></div></form>
<h2>${t("admin.users.licences")}</h2>
<ul>${licences.map((l) => html`<li>${l.displayName} ${post("licences/remove", t("admin.user.removeLicence", { sku: l.displayName }), html`<input type="hidden" name="skuId" value="${l.skuId}">`)}</li>`)}</ul>
${
  skus.length
    ? html`<form method="post" action="/admin/users/${user.id}/licences">${csrf}
<label for="skuId">${t("admin.user.product")}</label>
<select id="skuId" name="skuId">${skus.map((k) => html`<option value="${k.skuId}">${k.displayName}</option>`)}</select>
<div class="actions"><button class="primary" type="submit">${t("admin.user.assignLicence")}</button></div></form>`
    : html`<p class="muted">${t("admin.licences.none")}</p>`
}`;
      return { title: user.display_name, body };
    },
    params,
  );

  for (const action of userActions.list) {
    screen.action(`/admin/users/:id/${action.path}`, {
      area: action.area,
      schema: action.schema,
      run: async (admin, form: Record<string, string>, request) => {
        const user = await requireWorkAccount(ctx.db, admin.tenant.id, params.parse(request.params).id);
        if (action.protectsAdmins && !mayManageAccount(admin.roles, await rolesOf(ctx.db, user.id)))
          throw new DirectoryError("directory.error.protectedAccount", {}, 403);
        return { user, result: await action.run(ctx, admin.actor, user, form) };
      },
      done: (_form, { user }) =>
        action.path === "delete" ? "/admin/users?done=1" : `/admin/users/${user.id}?done=1`,
      showOnce: (request, _form, { user, result }) =>
        action.path === "password"
          ? temporaryPasswordNotice(request, user.email, (result as AdminSetPassword).password)
          : undefined,
    });
  }
}
