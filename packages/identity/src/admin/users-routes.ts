import { csrfField } from "@sesame/kit/ui/forms";
import { html } from "@sesame/kit/ui/html";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { IdentityContext } from "../context";
import { createUser } from "../directory/user-operations";
import { assignedLicences } from "../licences/licence-queries";
import { roleMembers } from "../roles/role-queries";
import { listDomains } from "../tenants/tenant-operations";
import { listWorkAccounts } from "../tenants/work-account-queries";
import { tr } from "../ui/page";
import { temporaryPasswordNotice } from "./admin-page";
import { adminScreen } from "./admin-screen";

const createForm = z.object({
  userName: z.string().max(64),
  domain: z.string().max(253),
  displayName: z.string().max(256),
  jobTitle: z.string().max(128).default(""),
  password: z.string().max(256).default(""),
  mustChange: z.literal("1").optional(),
});

/** Active users: the list, and the "Add a user" form. */
export function registerUsersRoutes(app: FastifyInstance, ctx: IdentityContext): void {
  const screen = adminScreen(app, ctx, "/admin/users", async (request, reply, admin) => {
    const t = tr(request);
    const tenantId = admin.tenant.id;
    const [users, domains, members, licences] = await Promise.all([
      listWorkAccounts(ctx.db, tenantId),
      listDomains(ctx.db, tenantId),
      roleMembers(ctx.db, tenantId),
      assignedLicences(ctx.db, { tenantId }),
    ]);
    const rows = users.map((u) => {
      const roles = members
        .filter((m) => m.accountId === u.id)
        .map((m) => t(`role.${m.roleTemplateId}` as never));
      const skus = licences.filter((l) => l.accountId === u.id).map((l) => l.displayName);
      return html`<tr><td><a href="/admin/users/${u.id}">${u.display_name}</a></td><td>${u.email}</td>
<td>${u.enabled ? t("admin.users.enabled") : t("admin.users.disabled")}</td>
<td>${roles.join(", ") || t("admin.none")}</td><td>${skus.join(", ") || t("admin.none")}</td></tr>`;
    });
    const verified = domains.filter((d) => d.verified_at !== null);
    const body = html`<table><thead><tr><th scope="col">${t("admin.users.displayName")}</th>
<th scope="col">${t("admin.users.upn")}</th><th scope="col">${t("admin.users.status")}</th>
<th scope="col">${t("admin.users.roles")}</th><th scope="col">${t("admin.users.licences")}</th></tr></thead>
<tbody>${rows}</tbody></table>
<h2>${t("admin.users.add")}</h2>
<form method="post" action="/admin/users" novalidate>${csrfField(reply)}
<label for="displayName">${t("admin.users.displayName")}</label>
<input id="displayName" type="text" name="displayName" required maxlength="256">
<label for="userName">${t("admin.users.userName")}</label>
<input id="userName" type="text" name="userName" required maxlength="64" autocomplete="off">
<label for="domain">${t("admin.users.domain")}</label>
<select id="domain" name="domain">${verified.map(
      (d) => html`<option value="${d.name}"${d.is_default ? html` selected` : html``}>@${d.name}</option>`,
    )}</select>
<label for="jobTitle">${t("admin.users.jobTitle")}</label>
<input id="jobTitle" type="text" name="jobTitle" maxlength="128">
<label for="password">${t("admin.users.password")}</label>
<input id="password" name="password" type="password" autocomplete="new-password" maxlength="256">
<div class="check"><input id="mustChange" name="mustChange" type="checkbox" value="1" checked>
<label for="mustChange">${t("admin.users.mustChange")}</label></div>
<div class="actions"><button class="primary" type="submit">${t("admin.users.add")}</button></div>
</form>`;
    return { title: t("admin.nav.users"), body };
  });

  screen.action("/admin/users", {
    area: "users",
    schema: createForm,
    run: (admin, form) =>
      createUser(ctx, admin.actor, {
        tenant: admin.tenant,
        userName: form.userName,
        domain: form.domain,
        displayName: form.displayName,
        jobTitle: form.jobTitle,
        password: form.password,
        mustChangePassword: form.mustChange === "1",
      }),
    done: (_form, { account }) => `/admin/users/${account.id}?done=1`,
    showOnce: (request, _form, { account, password }) =>
      password.generated ? temporaryPasswordNotice(request, account.email, password.password) : undefined,
  });
}
