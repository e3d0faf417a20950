import { csrfField } from "@sesame/kit/ui/forms";
import { html } from "@sesame/kit/ui/html";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { IdentityContext } from "../context";
import { registeredMethodsOfTenant } from "../factors/method-overview-queries";
import { setSecurityDefaults } from "../factors/security-defaults-operations";
import { securityDefaultsOn } from "../tenants/security-defaults-queries";
import { tr } from "../ui/page";
import { adminScreen } from "./admin-screen";

const PATH = "/admin/authentication-methods";

/** Security defaults of the tenant (the switch), and who registered which second factors. */
export function registerAuthenticationMethodsRoutes(app: FastifyInstance, ctx: IdentityContext): void {
  const screen = adminScreen(app, ctx, PATH, async (request, reply, admin) => {
    const t = tr(request);
    const [on, users] = await Promise.all([
      securityDefaultsOn(ctx.db, admin.tenant.id),
      registeredMethodsOfTenant(ctx.db, admin.tenant.id),
    ]);
    const when = new Intl.DateTimeFormat(request.locale === "fr" ? "fr-FR" : "en-GB", {
      dateStyle: "medium",
      timeStyle: "short",
      timeZone: "Europe/Paris",
    });
    const date = (ms: number | null) => (ms === null ? t("passkey.never") : when.format(new Date(ms)));
    const csrf = csrfField(reply);
    const rows = users.map((u) => {
      const methods = [
        ...(u.totpSince !== null ? [t("admin.methods.totp")] : []),
        ...u.passkeys.map((k) => t("admin.methods.passkey", { name: k.name, date: date(k.lastUsedAt) })),
      ];
      return html`<tr><th scope="row"><a href="/admin/users/${u.accountId}">${u.displayName}</a><br><span class="muted">${u.email}</span></th>
<td>${methods.length ? html`<ul>${methods.map((m) => html`<li>${m}</li>`)}</ul>` : t("admin.methods.none")}${u.reregistrationRequired ? html`<p class="muted">${t("admin.methods.pending")}</p>` : html``}</td>
<td><form method="post" action="/admin/users/${u.accountId}/authentication/reregister" class="inline">${csrf}
<button class="secondary" type="submit" aria-label="${t("admin.methods.reregisterLabel", { name: u.displayName })}">${t("admin.user.reregister")}</button></form></td></tr>`;
    });
    const body = html`<h2>${t("admin.methods.defaults")}</h2>
<p>${t(on ? "admin.methods.defaultsOn" : "admin.methods.defaultsOff")}</p>
<form method="post" action="${PATH}/security-defaults">${csrf}<input type="hidden" name="enabled" value="${on ? "0" : "1"}">
<div class="actions"><button class="secondary" type="submit">${t(on ? "admin.methods.turnOff" : "admin.methods.turnOn")}</button></div></form>
<h2>${t("admin.methods.registered")}</h2>
<table><thead><tr><th scope="col">${t("admin.methods.user")}</th><th scope="col">${t("admin.methods.methods")}</th><th scope="col">${t("admin.methods.actions")}</th></tr></thead>
<tbody>${rows}</tbody></table>`;
    return { title: t("admin.methods.title"), body };
  });

  screen.action(`${PATH}/security-defaults`, {
    area: "settings",
    schema: z.object({ enabled: z.enum(["0", "1"]), _csrf: z.string().optional() }),
    run: (admin, form) => setSecurityDefaults(ctx, admin.actor, admin.tenant.id, form.enabled === "1"),
    done: () => `${PATH}?done=1`,
  });
}
