import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { type ContactRequest, contactOnly, spaceNav } from "../contacts/contact-access";
import type { StaffRequest } from "../firms/firm-access";
import { firmParams, staffOnly } from "../firms/firm-access";
import { firmNav } from "../firms/firm-nav";
import { tenantIdOfDomain } from "../identity-client/discovery-client";
import type { PortalContext } from "../service/portal-context";
import { withFlash } from "../ui/flash";
import { formBody, optionalText } from "../ui/form-body";
import { tr } from "../ui/page";
import { licenceSkus } from "./licence-catalog";
import { requestLicence } from "./licence-operations";
import { licencePage } from "./licence-page";
import { startLicenceSenderFor } from "./licence-senders";

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const form = z.object({
  sku: z.enum(licenceSkus.map((s) => s.part) as [string, ...string[]]),
  seats: z.coerce.number().int().min(1).max(10_000),
  tenant: z.string().trim().min(3).max(253).optional(),
});
const licenceBody = formBody({ sku: optionalText, seats: optionalText, tenant: optionalText });

export function registerLicenceRoutes(fastify: FastifyInstance, ctx: PortalContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const sender = startLicenceSenderFor(ctx);
  if (sender) app.addHook("onClose", async () => sender.stop());

  const staffPage = (
    request: FastifyRequest,
    reply: FastifyReply,
    { firm, staff }: StaffRequest,
    error?: boolean,
  ) =>
    licencePage(ctx, sender, request, reply, {
      firm,
      nav: firmNav(tr(request), firm, staff),
      action: `/${firm.code}/licences`,
      askTenant: true,
      error,
    });

  app.get("/:firm/licences", { schema: { params: firmParams } }, async (request, reply) =>
    staffOnly(ctx, request, reply, (who) => staffPage(request, reply, who)),
  );
  app.post("/:firm/licences", { schema: { params: firmParams, body: licenceBody } }, async (request, reply) =>
    staffOnly(ctx, request, reply, async (who) => {
      const parsed = form.safeParse(request.body);
      const tenant =
        parsed.success && parsed.data.tenant ? await tenantOf(ctx, parsed.data.tenant) : undefined;
      if (!parsed.success || !tenant || !parsed.data.tenant) return staffPage(request, reply, who, true);
      await requestLicence(
        ctx,
        { name: who.staff.email },
        {
          firmId: who.firm.id,
          contactId: null,
          customerName: parsed.data.tenant,
          tenantId: tenant,
          sku: parsed.data.sku,
          seats: parsed.data.seats,
        },
      );
      return reply.redirect(withFlash(`/${who.firm.code}/licences`, "licenceRequested"), 303);
    }),
  );

  const spacePage = (
    request: FastifyRequest,
    reply: FastifyReply,
    { firm, contact }: ContactRequest,
    error?: boolean,
  ) =>
    licencePage(ctx, sender, request, reply, {
      firm,
      nav: spaceNav(tr(request), firm),
      action: `/${firm.code}/espace/licences`,
      askTenant: false,
      contactId: contact.id,
      error,
      noTenant: contact.readiness_kind !== "work",
    });

  app.get("/:firm/espace/licences", { schema: { params: firmParams } }, async (request, reply) =>
    contactOnly(ctx, request, reply, (who) => spacePage(request, reply, who)),
  );
  app.post(
    "/:firm/espace/licences",
    { schema: { params: firmParams, body: licenceBody } },
    async (request, reply) =>
      contactOnly(ctx, request, reply, async (who) => {
        const { firm, contact } = who;
        const parsed = form.safeParse(request.body);
        // A client asks for their own organization: the tenant they signed in from.
        if (!parsed.success || contact.readiness_kind !== "work" || !contact.tid)
          return spacePage(request, reply, who, true);
        await requestLicence(
          ctx,
          { name: contact.email },
          {
            firmId: firm.id,
            contactId: contact.id,
            customerName: contact.readiness_domain ?? `${contact.first_name} ${contact.last_name}`,
            tenantId: contact.tid,
            sku: parsed.data.sku,
            seats: parsed.data.seats,
          },
        );
        return reply.redirect(withFlash(`/${firm.code}/espace/licences`, "licenceRequested"), 303);
      }),
  );
}

async function tenantOf(ctx: PortalContext, value: string): Promise<string | undefined> {
  return guid.test(value) ? value.toLowerCase() : tenantIdOfDomain(ctx.fetch, ctx.authority, value);
}
