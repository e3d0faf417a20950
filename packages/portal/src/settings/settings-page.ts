import { csrfField, fieldError } from "@sesame/kit/ui/forms";
import { html } from "@sesame/kit/ui/html";
import type { FastifyReply, FastifyRequest } from "fastify";
import { listTenantConsents } from "../consent/consent-queries";
import type { StaffRequest } from "../firms/firm-access";
import { firmNav, formatDate } from "../firms/firm-nav";
import { listStaff } from "../firms/firm-queries";
import { firmGuestByDefault } from "../guests/guest-access-queries";
import { invitePermission as guestInvitePermission } from "../guests/guest-graph-client";
import { settingsGuestSection } from "../guests/guest-section";
import type { PortalContext } from "../service/portal-context";
import { sendPage, tr } from "../ui/page";

type SettingsError = "firm.settings.nameRequired" | "firm.settings.emailInvalid";
type StaffError = "firm.staff.invalid" | "firm.staff.duplicate";

/** The settings page, with the problem of the form just sent (a 400) if any. */
export async function settingsPage(
  ctx: PortalContext,
  request: FastifyRequest,
  reply: FastifyReply,
  { firm, staff }: StaffRequest,
  saved: boolean,
  problems: { error?: SettingsError; staffError?: StaffError } = {},
) {
  const t = tr(request);
  const [team, consents, guestByDefault, invitePermission] = await Promise.all([
    listStaff(ctx.db, firm.id),
    listTenantConsents(ctx.db, firm.id),
    firmGuestByDefault(ctx.db, firm.id),
    guestInvitePermission(ctx),
  ]);
  const roles = ["admin", "accountant", "assistant"] as const;
  // One token for every form of the page: on a first visit each call would start a new CSRF secret.
  const csrf = csrfField(reply);
  return sendPage(request, reply, {
    title: t("firm.settings.title"),
    wide: true,
    status: problems.error || problems.staffError ? 400 : 200,
    nav: firmNav(t, firm, staff),
    body: html`<h1>${t("firm.settings.title")}</h1>
${saved ? html`<p role="status">${t("firm.settings.saved")}</p>` : ""}
<p>${t("firm.settings.code", { code: firm.code })}</p>
<p>${t("firm.settings.redirect", { url: `${ctx.origin}/${firm.code}/authorize` })}</p>
<form method="post" action="/${firm.code}/settings">${csrf}
${fieldError("settings", problems.error ? t(problems.error) : undefined)}
<label for="name">${t("firm.settings.name")}</label>
<input type="text" id="name" name="name" required value="${firm.name}">
<label for="contact_email">${t("firm.settings.contactEmail")}</label>
<input id="contact_email" name="contact_email" type="email" value="${firm.contact_email ?? ""}">
<button type="submit" class="primary">${t("firm.settings.save")}</button>
</form>
<h2>${t("firm.staff.title")}</h2>
<table><thead><tr><th scope="col">${t("firm.staff.name")}</th><th scope="col">${t("firm.staff.email")}</th><th scope="col">${t("firm.staff.role")}</th><th scope="col">${t("firm.staff.status")}</th></tr></thead>
<tbody>${team.map(
      (s) =>
        html`<tr><td>${s.display_name}</td><td>${s.email}</td><td>${t(`firm.role.${s.role}`)}</td><td>${
          s.first_signin_at
            ? t("firm.staff.bound", { date: formatDate(s.first_signin_at, request.locale) })
            : t("firm.staff.awaiting")
        }</td></tr>`,
    )}</tbody></table>
<h3>${t("firm.staff.add")}</h3>
<form method="post" action="/${firm.code}/staff">${csrf}
${fieldError("staff", problems.staffError ? t(problems.staffError) : undefined)}
<label for="display_name">${t("firm.staff.name")}</label><input type="text" id="display_name" name="display_name" required>
<label for="staff_email">${t("firm.staff.email")}</label><input id="staff_email" name="email" type="email" required>
<label for="role">${t("firm.staff.role")}</label>
<select id="role" name="role">${roles.map((r) => html`<option value="${r}" ${r === "assistant" ? "selected" : ""}>${t(`firm.role.${r}`)}</option>`)}</select>
<label for="expected_tenant">${t("firm.staff.tenant")}</label><input type="text" id="expected_tenant" name="expected_tenant" required value="${staff.expected_tenant}">
<button type="submit" class="primary">${t("firm.staff.add")}</button>
</form>
${settingsGuestSection(t, { firmCode: firm.code, byDefault: guestByDefault, permission: invitePermission, csrf })}
<h2>${t("firm.consents.title")}</h2>
${
  consents.length === 0
    ? html`<p>${t("firm.consents.none")}</p>`
    : html`<table><thead><tr><th scope="col">${t("firm.consents.tenant")}</th><th scope="col">${t("firm.consents.by")}</th><th scope="col">${t("firm.consents.when")}</th><th scope="col">${t("firm.consents.permissions")}</th><th scope="col">${t("firm.consents.state")}</th></tr></thead>
<tbody>${consents.map(
        (c) =>
          html`<tr><td>${c.tenant_id}</td><td>${c.consented_by_name ?? t("firm.consents.unknownAuthor")}</td><td>${formatDate(c.consented_at, request.locale)}</td><td>${c.permissions}</td><td>${
            c.revoked_at
              ? t("firm.consents.revoked", { date: formatDate(c.revoked_at, request.locale) })
              : t("firm.consents.active")
          }</td></tr>`,
      )}</tbody></table>`
}`,
  });
}
