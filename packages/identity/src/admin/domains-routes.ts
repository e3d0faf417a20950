import { csrfField } from "@sesame/kit/ui/forms";
import { html } from "@sesame/kit/ui/html";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { IdentityContext } from "../context";
import { addTenantDomain, makeDefaultDomain, verifyTenantDomain } from "../tenants/tenant-changes";
import { listDomains } from "../tenants/tenant-operations";
import { tr } from "../ui/page";
import { adminScreen } from "./admin-screen";

const nameForm = z.object({ name: z.string().max(253) });
const verifyForm = nameForm.extend({ token: z.string().max(200).optional() });

/**
 * Domains: add a custom domain, verify it with its TXT record, choose the default. In production
 * the record is looked up in DNS; in development the admin may paste the value back instead
 * (tenants/domain-proof.ts).
 */
export function registerDomainsRoutes(app: FastifyInstance, ctx: IdentityContext): void {
  const pasteBack = ctx.config.SESAME_ENV !== "production";
  const screen = adminScreen(app, ctx, "/admin/domains", async (request, reply, admin) => {
    const t = tr(request);
    const domains = await listDomains(ctx.db, admin.tenant.id);
    const csrf = csrfField(reply);
    const rows = domains.map((d, i) => {
      const status = [
        d.verified_at ? t("admin.domains.verified") : t("admin.domains.unverified"),
        d.is_initial ? t("admin.domains.initial") : "",
        d.is_default ? t("admin.domains.default") : "",
      ].filter(Boolean);
      const action = !d.verified_at
        ? html`<p>${t("admin.domains.txt", { domain: d.name, token: d.verification_token })}</p>
<form method="post" action="/admin/domains/verify">${csrf}<input type="hidden" name="name" value="${d.name}">
${
  pasteBack
    ? html`<label for="token-${i}">${t("admin.domains.pasted", { domain: d.name })}</label>
<input id="token-${i}" type="text" name="token" autocomplete="off" required>`
    : html``
}
<button class="primary" type="submit">${t("admin.domains.verify", { domain: d.name })}</button></form>`
        : d.is_default
          ? html``
          : html`<form method="post" action="/admin/domains/default" class="inline">${csrf}
<input type="hidden" name="name" value="${d.name}">
<button class="secondary" type="submit">${t("admin.domains.makeDefault", { domain: d.name })}</button></form>`;
      return html`<tr><td>${d.name}</td><td>${status.join(" · ")}</td><td>${action}</td></tr>`;
    });
    const body = html`<p class="muted">${t(pasteBack ? "admin.domains.simulation" : "admin.domains.dnsCheck")}</p>
<table><thead><tr><th scope="col">${t("admin.domains.name")}</th><th scope="col">${t("admin.domains.status")}</th>
<th scope="col">${t("admin.actions")}</th></tr></thead><tbody>${rows}</tbody></table>
<h2>${t("admin.domains.add")}</h2>
<form method="post" action="/admin/domains" novalidate>${csrf}
<label for="name">${t("admin.domains.name")}</label>
<input id="name" type="text" name="name" required maxlength="253" autocomplete="off" placeholder="exemple.fr">
<div class="actions"><button class="primary" type="submit">${t("admin.domains.add")}</button></div></form>`;
    return { title: t("admin.nav.domains"), body };
  });

  const done = () => "/admin/domains?done=1";
  screen.action("/admin/domains", {
    area: "domains",
    schema: nameForm,
    run: (admin, form) => addTenantDomain(ctx, admin.actor, admin.tenant.id, form.name),
    done,
  });
  screen.action("/admin/domains/verify", {
    area: "domains",
    schema: verifyForm,
    run: (admin, form) => verifyTenantDomain(ctx, admin.actor, admin.tenant.id, form.name, form.token),
    done,
  });
  screen.action("/admin/domains/default", {
    area: "domains",
    schema: nameForm,
    run: (admin, form) => makeDefaultDomain(ctx, admin.actor, admin.tenant.id, form.name),
    done,
  });
}
