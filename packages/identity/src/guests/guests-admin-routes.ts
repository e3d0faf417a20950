import { csrfField } from "@sesame/kit/ui/forms";
import { html } from "@sesame/kit/ui/html";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { adminScreen } from "../admin/admin-screen";
import type { IdentityContext } from "../context";
import { deleteUser } from "../directory/user-operations";
import { DirectoryError } from "../tenants/directory-error";
import { requireWorkAccount } from "../tenants/work-account-queries";
import { tr } from "../ui/page";
import { inviteGuest } from "./guest-invitation-operations";
import { findGuest, guestSettingsRow, guestsOfTenant } from "./guest-queries";
import { type FallbackIdp, settingsOf } from "./guest-rules";
import { saveGuestSettings } from "./guest-settings-operations";

const inviteForm = z.object({
  email: z.string().max(254),
  displayName: z.string().max(256).default(""),
  message: z.string().max(4000).default(""),
});
const guestForm = z.object({ guest: z.string().max(64) });
const settingsForm = z.object({
  allowInvitesFrom: z.enum(["none", "adminsAndGuestInviters", "adminsGuestInvitersAndAllMembers"]),
  emailOtp: z.literal("1").optional(),
  order: z.enum(["microsoftAccount,emailOneTimePasscode", "emailOneTimePasscode,microsoftAccount"]),
  privacyUrl: z.union([z.literal(""), z.string().max(2048).url()]).default(""),
});

const unknownGuest = (id: string) => new DirectoryError("directory.error.userUnknown", { user: id }, 404);

/** External users in the admin centre: the guests, invite and re-invite, delete, and the settings. */
export function registerGuestsAdminRoutes(app: FastifyInstance, ctx: IdentityContext): void {
  const screen = adminScreen(app, ctx, "/admin/guests", async (request, reply, admin) => {
    const t = tr(request);
    const [guests, users, settings] = await Promise.all([
      guestsOfTenant(ctx.db, admin.tenant.id),
      ctx.db
        .selectFrom("account")
        .select(["id", "display_name"])
        .where("tenant_id", "=", admin.tenant.id)
        .execute(),
      guestSettingsRow(ctx.db, admin.tenant.id).then(settingsOf),
    ]);
    const names = new Map(users.map((u) => [u.id, u.display_name]));
    const rows = [...guests.values()].map(
      (
        g,
      ) => html`<tr><td><a href="/admin/users/${g.account_id}">${names.get(g.account_id) ?? g.email}</a></td>
<td>${g.email}</td><td>${t(g.external_user_state === "Accepted" ? "guest.admin.accepted" : "guest.admin.pending")}</td>
<td>${new Date(Number(g.state_changed_at)).toISOString().slice(0, 16).replace("T", " ")}</td>
<td><form method="post" action="/admin/guests/reinvite">${csrfField(reply)}<input type="hidden" name="guest" value="${g.account_id}">
<button class="secondary" type="submit" aria-label="${t("guest.admin.reinvite")} ${g.email}">${t("guest.admin.reinvite")}</button></form>
<form method="post" action="/admin/guests/delete">${csrfField(reply)}<input type="hidden" name="guest" value="${g.account_id}">
<button class="secondary" type="submit" aria-label="${t("guest.admin.delete")} ${g.email}">${t("guest.admin.delete")}</button></form></td></tr>`,
    );
    const option = (value: string, current: string, label: string) =>
      html`<option value="${value}"${value === current ? html` selected` : html``}>${label}</option>`;
    const order = settings.fallbackOrder.join(",");
    const body = html`<table><thead><tr><th scope="col">${t("admin.users.displayName")}</th>
<th scope="col">${t("guest.admin.mail")}</th><th scope="col">${t("guest.admin.state")}</th>
<th scope="col">${t("guest.admin.since")}</th><th scope="col">${t("guest.admin.actions")}</th></tr></thead>
<tbody>${rows}</tbody></table>
<h2>${t("guest.admin.invite")}</h2>
<form method="post" action="/admin/guests/invite" novalidate>${csrfField(reply)}
<label for="guest-email">${t("guest.admin.mail")}</label><input id="guest-email" type="email" name="email" required maxlength="254">
<label for="guest-name">${t("admin.users.displayName")}</label><input id="guest-name" type="text" name="displayName" maxlength="256">
<label for="guest-message">${t("guest.admin.message")}</label><textarea id="guest-message" name="message" maxlength="4000"></textarea>
<div class="actions"><button class="primary" type="submit">${t("guest.admin.invite")}</button></div></form>
<h2>${t("guest.admin.settings")}</h2>
<form method="post" action="/admin/guests/settings" novalidate>${csrfField(reply)}
<label for="allow">${t("guest.admin.allow")}</label><select id="allow" name="allowInvitesFrom">
${option("adminsAndGuestInviters", settings.allowInvitesFrom, t("guest.admin.allow.admins"))}
${option("adminsGuestInvitersAndAllMembers", settings.allowInvitesFrom, t("guest.admin.allow.members"))}
${option("none", settings.allowInvitesFrom, t("guest.admin.allow.none"))}</select>
<div class="check"><input id="otp" name="emailOtp" type="checkbox" value="1"${settings.emailOtpEnabled ? html` checked` : html``}>
<label for="otp">${t("guest.admin.otp")}</label></div>
<label for="order">${t("guest.admin.order")}</label><select id="order" name="order">
${option("microsoftAccount,emailOneTimePasscode", order, t("guest.admin.order.msaFirst"))}
${option("emailOneTimePasscode,microsoftAccount", order, t("guest.admin.order.otpFirst"))}</select>
<label for="privacy">${t("guest.admin.privacy")}</label><input id="privacy" type="url" name="privacyUrl" maxlength="2048" value="${settings.privacyUrl ?? ""}">
<div class="actions"><button class="primary" type="submit">${t("guest.admin.save")}</button></div></form>`;
    return { title: t("admin.nav.guests"), body };
  });

  screen.action("/admin/guests/invite", {
    area: "users",
    schema: inviteForm,
    run: (admin, form, request) =>
      inviteGuest(ctx, admin.actor, {
        tenant: admin.tenant,
        email: form.email,
        redirectUrl: `${ctx.origin}/account`,
        displayName: form.displayName || undefined,
        sendMail: true,
        customMessage: form.message || undefined,
        locale: request.locale,
        resetRedemption: false,
        detail: { via: "admin" },
      }),
    done: () => "/admin/guests?done=1",
  });

  screen.action("/admin/guests/reinvite", {
    area: "users",
    schema: guestForm,
    run: async (admin, form, request) => {
      const guest = await findGuest(ctx.db, form.guest);
      if (guest?.tenant_id !== admin.tenant.id) throw unknownGuest(form.guest);
      return inviteGuest(ctx, admin.actor, {
        tenant: admin.tenant,
        email: guest.email,
        redirectUrl: guest.invite_redirect_url,
        sendMail: true,
        locale: request.locale,
        resetRedemption: true,
        detail: { via: "admin" },
      });
    },
    done: () => "/admin/guests?done=1",
  });

  screen.action("/admin/guests/delete", {
    area: "users",
    schema: guestForm,
    run: async (admin, form) => {
      const account = await requireWorkAccount(ctx.db, admin.tenant.id, form.guest);
      if (!(await findGuest(ctx.db, account.id))) throw unknownGuest(form.guest);
      return deleteUser(ctx, admin.actor, account);
    },
    done: () => "/admin/guests?done=1",
  });

  screen.action("/admin/guests/settings", {
    area: "settings",
    schema: settingsForm,
    run: (admin, form) =>
      saveGuestSettings(ctx, admin.actor, admin.tenant.id, {
        allowInvitesFrom: form.allowInvitesFrom,
        emailOtpEnabled: form.emailOtp === "1",
        fallbackOrder: form.order.split(",") as FallbackIdp[],
        privacyUrl: form.privacyUrl || null,
      }),
    done: () => "/admin/guests?done=1",
  });
}
