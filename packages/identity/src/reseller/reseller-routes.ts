import { csrfField } from "@sesame/kit/ui/forms";
import { html } from "@sesame/kit/ui/html";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { type Problem, refusalProblem } from "../admin/admin-page";
import type { IdentityContext } from "../context";
import { listSkus } from "../licences/licence-operations";
import { sendPage, tr } from "../ui/page";
import { registerCustomerRoutes } from "./customer-routes";
import { resellerRequestRows } from "./request-decisions";
import { requestTable } from "./request-list";
import { registerRequestRoutes } from "./request-routes";
import { asReseller, type ResellerSession } from "./reseller-guard";
import { createCustomerTenant, listCustomers } from "./reseller-operations";

const customerForm = z.object({
  displayName: z.string().max(256),
  country: z
    .string()
    .max(2)
    .transform((v) => v.trim().toUpperCase()),
  prefix: z.string().max(27).default(""),
  adminDisplayName: z.string().max(256),
  adminUserName: z.string().max(64),
  contactEmail: z.string().max(254),
  sku: z.string().max(64).default(""),
  seats: z.string().max(7).regex(/^\d*$/).default(""),
});

/** The confirmation (or refusal) after answering a licence request. */
const decisionNotice = z
  .object({ request: z.enum(["fulfilled", "declined", "closed", "invalid"]).optional() })
  .catch({});

/** The partner centre: customers, creating one with its first Global Administrator and licences. */
export function registerResellerRoutes(app: FastifyInstance, ctx: IdentityContext): void {
  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    session: ResellerSession,
    problem?: Problem,
    notice?: string,
  ) {
    const t = tr(request);
    const [customers, skus, requests] = await Promise.all([
      listCustomers(ctx.db, session.resellerTenantId),
      listSkus(ctx.db),
      resellerRequestRows(ctx.db, session.resellerTenantId),
    ]);
    const field = (id: string, label: string, attrs = html``, type = "text") =>
      html`<label for="${id}">${label}</label><input id="${id}" type="${type}" name="${id}" ${attrs}>`;
    const body = html`<h1>${t("reseller.title")}</h1>
${problem ? html`<p class="error" role="alert">${problem.message}</p>` : html``}
${notice ? html`<p class="notice" role="status">${notice}</p>` : html``}
<h2>${t("reseller.customers")}</h2>
${
  customers.length
    ? html`<ul>${customers.map((c) => html`<li><a href="/reseller/customers/${c.id}">${c.displayName}</a> <span class="muted">${c.id}</span></li>`)}</ul>`
    : html`<p>${t("reseller.noCustomers")}</p>`
}
<h2>${t("reseller.requests")}</h2>
${
  requests.length
    ? requestTable(t, request.locale, csrfField(reply), requests)
    : html`<p>${t("reseller.noRequests")}</p>`
}
<h2>${t("reseller.create")}</h2>
<form method="post" action="/reseller/customers" novalidate>${csrfField(reply)}
${field("displayName", t("reseller.companyName"), html`required maxlength="256"`)}
${field("country", t("reseller.country"), html`required maxlength="2" value="FR"`)}
${field("prefix", t("reseller.prefix", { suffix: ctx.config.SESAME_TENANT_DOMAIN_SUFFIX }), html`maxlength="27"`)}
${field("adminDisplayName", t("reseller.adminName"), html`required maxlength="256"`)}
${field("adminUserName", t("reseller.adminUser"), html`required maxlength="64" value="admin"`)}
${field("contactEmail", t("reseller.contactEmail"), html`required maxlength="254"`, "email")}
<label for="sku">${t("reseller.product")}</label>
<select id="sku" name="sku"><option value="">${t("reseller.noProduct")}</option>${skus.map(
      (k) => html`<option value="${k.part_number}">${k.display_name}</option>`,
    )}</select>
${field("seats", t("reseller.seats"), html`inputmode="numeric" maxlength="7"`)}
<div class="actions"><button class="primary" type="submit">${t("reseller.create")}</button></div></form>`;
    return sendPage(request, reply, {
      title: t("reseller.title"),
      body,
      wide: true,
      status: problem?.status ?? 200,
    });
  }

  app.get(
    "/reseller",
    asReseller(ctx, (request, reply, session) => {
      const t = tr(request);
      const { request: done } = decisionNotice.parse(request.query ?? {});
      if (done === "invalid" || done === "closed")
        return render(request, reply, session, { message: t(`reseller.request.${done}`), status: 200 });
      return render(request, reply, session, undefined, done ? t(`reseller.request.${done}`) : undefined);
    }),
  );

  app.post(
    "/reseller/customers",
    asReseller(ctx, async (request, reply, session) => {
      const t = tr(request);
      const parsed = customerForm.safeParse(request.body ?? {});
      if (!parsed.success)
        return render(request, reply, session, { message: t("directory.error.invalid"), status: 400 });
      const form = parsed.data;
      try {
        const created = await createCustomerTenant(ctx, session.resellerTenantId, session.actor, {
          displayName: form.displayName,
          country: form.country,
          ...(form.prefix.trim() ? { prefix: form.prefix.trim() } : {}),
          adminUserName: form.adminUserName,
          adminDisplayName: form.adminDisplayName,
          contactEmail: form.contactEmail,
          ...(form.sku && form.seats ? { sku: form.sku, seats: Number(form.seats) } : {}),
          language: request.locale,
        });
        return render(
          request,
          reply,
          session,
          undefined,
          t("reseller.created", {
            tenant: created.tenant.display_name,
            upn: created.admin.email,
            email: form.contactEmail,
          }),
        );
      } catch (error) {
        return render(request, reply, session, refusalProblem(request, error));
      }
    }),
  );

  registerCustomerRoutes(app, ctx);
  registerRequestRoutes(app, ctx);
}
