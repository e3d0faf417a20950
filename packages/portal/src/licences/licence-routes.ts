import { csrfField, fieldError } from "@sesame/kit/ui/forms";
import { html, type SafeHtml } from "@sesame/kit/ui/html";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { recordAudit } from "../audit/audit-log";
import { contactOnly, spaceNav } from "../contacts/space-routes";
import type { PortalContext } from "../context";
import { staffOnly } from "../firms/firm-access";
import { firmNav, formatDate } from "../firms/firm-nav";
import type { Firm } from "../firms/firm-queries";
import { tenantIdOfDomain } from "../readiness/discovery-client";
import { sendPage, tr } from "../ui/page";
import { licenceSkus } from "./licence-catalog";
import { insertLicenceRequest, type LicenceRequest, listLicenceRequests } from "./licence-store";

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const form = z.object({
  sku: z.enum(licenceSkus.map((s) => s.part) as [string, ...string[]]),
  seats: z.coerce.number().int().min(1).max(300),
  tenant: z.string().trim().min(3).max(253).optional(),
});

export function registerLicenceRoutes(app: FastifyInstance, ctx: PortalContext): void {
  const staffPage = (
    request: FastifyRequest,
    reply: FastifyReply,
    firm: Firm,
    nav: SafeHtml,
    error?: boolean,
  ) => page(ctx, request, reply, { firm, nav, action: `/${firm.code}/licences`, askTenant: true, error });

  app.get(
    "/:firm/licences",
    staffOnly(ctx, (request, reply, { firm, staff }) =>
      staffPage(request, reply, firm, firmNav(tr(request), firm, staff)),
    ),
  );
  app.post(
    "/:firm/licences",
    staffOnly(ctx, async (request, reply, { firm, staff }) => {
      const parsed = form.safeParse(request.body ?? {});
      const tenant =
        parsed.success && parsed.data.tenant ? await tenantOf(ctx, parsed.data.tenant) : undefined;
      if (!parsed.success || !tenant)
        return staffPage(request, reply, firm, firmNav(tr(request), firm, staff), true);
      await ctx.db.transaction().execute(async (trx) => {
        await insertLicenceRequest(trx, {
          firmId: firm.id,
          contactId: null,
          requestedBy: staff.email,
          tenantId: tenant,
          sku: parsed.data.sku,
          seats: parsed.data.seats,
        });
        await recordAudit(trx, {
          firmId: firm.id,
          actor: staff.email,
          action: "licence.request",
          target: `${parsed.data.seats} × ${parsed.data.sku} → ${tenant}`,
        });
      });
      return reply.redirect(`/${firm.code}/licences`, 303);
    }),
  );

  app.get(
    "/:firm/espace/licences",
    contactOnly(ctx, (request, reply, { firm, contact }) =>
      page(ctx, request, reply, {
        firm,
        nav: spaceNav(tr(request), firm),
        action: `/${firm.code}/espace/licences`,
        askTenant: false,
        contactId: contact.id,
        noTenant: contact.readiness_kind !== "work",
      }),
    ),
  );
  app.post(
    "/:firm/espace/licences",
    contactOnly(ctx, async (request, reply, { firm, contact }) => {
      const parsed = form.safeParse(request.body ?? {});
      // A client asks for their own organization: the tenant they signed in from.
      if (!parsed.success || contact.readiness_kind !== "work" || !contact.tid) {
        return page(ctx, request, reply, {
          firm,
          nav: spaceNav(tr(request), firm),
          action: `/${firm.code}/espace/licences`,
          askTenant: false,
          contactId: contact.id,
          error: true,
          noTenant: contact.readiness_kind !== "work",
        });
      }
      await insertLicenceRequest(ctx.db, {
        firmId: firm.id,
        contactId: contact.id,
        requestedBy: contact.email,
        tenantId: contact.tid,
        sku: parsed.data.sku,
        seats: parsed.data.seats,
      });
      return reply.redirect(`/${firm.code}/espace/licences`, 303);
    }),
  );
}

async function tenantOf(ctx: PortalContext, value: string): Promise<string | undefined> {
  return guid.test(value) ? value.toLowerCase() : tenantIdOfDomain(ctx.fetch, ctx.authority, value);
}

async function page(
  ctx: PortalContext,
  request: FastifyRequest,
  reply: FastifyReply,
  input: {
    firm: Firm;
    nav: SafeHtml;
    action: string;
    askTenant: boolean;
    contactId?: string;
    error?: boolean;
    noTenant?: boolean;
  },
) {
  const t = tr(request);
  const requests: LicenceRequest[] = await listLicenceRequests(ctx.db, input.firm.id, input.contactId);
  return sendPage(request, reply, {
    title: t("licence.title"),
    wide: true,
    status: input.error ? 400 : 200,
    nav: input.nav,
    body: html`<h1>${t("licence.title")}</h1><p>${t("licence.lead")}</p>
${
  input.noTenant
    ? html`<p role="alert">${t("licence.noTenant")}</p>`
    : html`<form method="post" action="${input.action}">${csrfField(reply)}
${fieldError("licence", input.error ? t("licence.error") : undefined)}
<label for="sku">${t("licence.sku")}</label><select id="sku" name="sku">${licenceSkus.map((s) => html`<option value="${s.part}">${s.name}</option>`)}</select>
<label for="seats">${t("licence.seats")}</label><input id="seats" name="seats" type="number" min="1" max="300" value="1" required>
${input.askTenant ? html`<label for="tenant">${t("licence.tenant")}</label><input type="text" id="tenant" name="tenant" required>` : ""}
<button type="submit" class="primary">${t("licence.submit")}</button></form>`
}
<h2>${t("licence.list")}</h2>
${
  requests.length === 0
    ? html`<p>${t("licence.none")}</p>`
    : html`<table><thead><tr><th scope="col">${t("licence.when")}</th><th scope="col">${t("licence.sku")}</th><th scope="col">${t("licence.seats")}</th><th scope="col">${t("licence.by")}</th><th scope="col">${t("licence.state")}</th></tr></thead>
<tbody>${requests.map((r) => html`<tr><td>${formatDate(r.created_at, request.locale)}</td><td>${licenceSkus.find((s) => s.part === r.sku)?.name ?? r.sku}</td><td>${r.seats}</td><td>${r.requested_by}</td><td>${t(`licence.status.${r.status}`)}</td></tr>`)}</tbody></table>
${requests.some((r) => r.status === "pending_send") ? html`<p class="muted">${t("licence.pendingNote")}</p>` : ""}`
}`,
  });
}
