import { csrfField } from "@sesame/kit/ui/forms";
import { html } from "@sesame/kit/ui/html";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { IdentityContext } from "../context";
import { domainProof } from "../domain-verification/domain-proof";
import { addDomain, listDomains, setDefaultDomain, verifyDomain } from "../tenants/tenant-operations";
import { tr } from "../ui/page";
import { adminAction } from "./admin-action";
import { asAdmin } from "./admin-guard";
import { doneNotice, type Problem, sendAdminPage } from "./admin-page";
import type { AdminSession } from "./admin-session";

const nameForm = z.object({ name: z.string().max(253) });
const verifyForm = nameForm.extend({ token: z.string().max(200).optional() });

/**
 * Domains: add a custom domain, verify it with its TXT record, choose the default. In production
 * the record is looked up in DNS; in development the admin may paste the value back instead
 * (domain-verification/domain-proof.ts).
 */
export function registerDomainsRoutes(app: FastifyInstance, ctx: IdentityContext): void {
  const pasteBack = ctx.config.SESAME_ENV !== "production";
  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    admin: AdminSession,
    problem?: Problem,
  ) {
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
    return sendAdminPage(request, reply, admin, {
      title: t("admin.nav.domains"),
      body,
      problem,
      notice: doneNotice(request),
    });
  }

  app.get(
    "/admin/domains",
    asAdmin(ctx, (request, reply, admin) => render(request, reply, admin)),
  );

  const post = (
    path: string,
    schema: z.ZodType<{ name: string; token?: string }>,
    change: typeof addDomainChange,
    audit: string,
  ) =>
    app.post(
      path,
      asAdmin(ctx, (request, reply, admin) =>
        adminAction(ctx, request, reply, admin, {
          area: "domains",
          schema,
          change: (trx, form) => change(trx, admin.tenant.id, form),
          audit: (form) => ({ action: audit, target: form.name }),
          done: () => "/admin/domains?done=1",
          rerender: (problem) => render(request, reply, admin, problem),
        }),
      ),
    );

  function addDomainChange(
    trx: Parameters<typeof addDomain>[0],
    tenantId: string,
    form: { name: string; token?: string },
  ) {
    return addDomain(trx, tenantId, form.name, {
      suffix: ctx.config.SESAME_TENANT_DOMAIN_SUFFIX,
      consumerDomains: ctx.config.SESAME_CONSUMER_DOMAINS,
    });
  }
  post("/admin/domains", nameForm, addDomainChange, "domain.add");
  app.post(
    "/admin/domains/verify",
    asAdmin(ctx, (request, reply, admin) => {
      let proof = "";
      return adminAction(ctx, request, reply, admin, {
        area: "domains",
        schema: verifyForm,
        // DNS is asked before the transaction, so a slow resolver holds no database connection.
        prepare: async (form) => {
          proof = await domainProof(ctx, admin.tenant.id, form.name, form.token);
        },
        change: (trx, form) => verifyDomain(trx, admin.tenant.id, form.name, proof),
        audit: (form) => ({ action: "domain.verify", target: form.name }),
        done: () => "/admin/domains?done=1",
        rerender: (problem) => render(request, reply, admin, problem),
      });
    }),
  );
  post(
    "/admin/domains/default",
    nameForm,
    (trx, tenantId, form) => setDefaultDomain(trx, tenantId, form.name),
    "domain.default",
  );
}
