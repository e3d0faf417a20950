import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { recordAudit } from "../audit/audit-log";
import { contactOnly, spaceNav } from "../contacts/space-routes";
import { staffOnly } from "../firms/firm-access";
import { firmNav } from "../firms/firm-nav";
import type { Firm } from "../firms/firm-queries";
import { tenantIdOfDomain } from "../identity-client/discovery-client";
import type { PortalContext } from "../service/portal-context";
import { tr } from "../ui/page";
import { licenceSkus } from "./licence-catalog";
import { licencePage } from "./licence-page";
import { hasResellerApi } from "./licence-rules";
import { type LicenceSender, startLicenceSender } from "./licence-sender";
import { insertLicenceRequest } from "./licence-store";

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const form = z.object({
  sku: z.enum(licenceSkus.map((s) => s.part) as [string, ...string[]]),
  seats: z.coerce.number().int().min(1).max(10_000),
  tenant: z.string().trim().min(3).max(253).optional(),
});

const senders = new WeakMap<PortalContext, LicenceSender>();

/** The running sender of licence requests (undefined against real Microsoft: nothing to send to). */
export function licenceSenderOf(ctx: PortalContext): LicenceSender | undefined {
  return senders.get(ctx);
}

export function registerLicenceRoutes(app: FastifyInstance, ctx: PortalContext): void {
  // Against real Microsoft there is no reseller API: requests stay in the portal for the firm's
  // licence supplier (status "supplier"), and no sender runs.
  const sender = hasResellerApi(ctx.authority) ? startLicenceSender(ctx) : undefined;
  if (sender) {
    senders.set(ctx, sender);
    app.addHook("onClose", async () => sender.stop());
  }
  const status = sender ? "pending_send" : "supplier";

  const staffPage = (
    request: FastifyRequest,
    reply: FastifyReply,
    firm: Firm,
    staff: Parameters<typeof firmNav>[2],
    error?: boolean,
  ) =>
    licencePage(ctx, sender, request, reply, {
      firm,
      nav: firmNav(tr(request), firm, staff),
      action: `/${firm.code}/licences`,
      askTenant: true,
      error,
    });

  app.get(
    "/:firm/licences",
    staffOnly(ctx, (request, reply, { firm, staff }) => staffPage(request, reply, firm, staff)),
  );
  app.post(
    "/:firm/licences",
    staffOnly(ctx, async (request, reply, { firm, staff }) => {
      const parsed = form.safeParse(request.body ?? {});
      const tenant =
        parsed.success && parsed.data.tenant ? await tenantOf(ctx, parsed.data.tenant) : undefined;
      if (!parsed.success || !tenant || !parsed.data.tenant)
        return staffPage(request, reply, firm, staff, true);
      const customerName = parsed.data.tenant;
      await ctx.db.transaction().execute(async (trx) => {
        await insertLicenceRequest(trx, {
          firmId: firm.id,
          contactId: null,
          requestedBy: staff.email,
          customerName,
          tenantId: tenant,
          sku: parsed.data.sku,
          seats: parsed.data.seats,
          status,
        });
        await recordAudit(trx, {
          firmId: firm.id,
          actor: staff.email,
          action: "licence.request",
          target: `${parsed.data.seats} × ${parsed.data.sku} → ${tenant}`,
        });
      });
      sender?.kick();
      return reply.redirect(`/${firm.code}/licences`, 303);
    }),
  );

  app.get(
    "/:firm/espace/licences",
    contactOnly(ctx, (request, reply, { firm, contact }) =>
      licencePage(ctx, sender, request, reply, {
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
        return licencePage(ctx, sender, request, reply, {
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
        customerName: contact.readiness_domain ?? `${contact.first_name} ${contact.last_name}`,
        tenantId: contact.tid,
        sku: parsed.data.sku,
        seats: parsed.data.seats,
        status,
      });
      sender?.kick();
      return reply.redirect(`/${firm.code}/espace/licences`, 303);
    }),
  );
}

async function tenantOf(ctx: PortalContext, value: string): Promise<string | undefined> {
  return guid.test(value) ? value.toLowerCase() : tenantIdOfDomain(ctx.fetch, ctx.authority, value);
}
