import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { firmOf, firmParams, staffOnly } from "../firms/firm-access";
import { addStaff, saveFirmSettings } from "../firms/firm-operations";
import type { PortalContext } from "../service/portal-context";
import { withFlash } from "../ui/flash";
import { formBody, optionalText, queryText } from "../ui/form-body";
import { settingsPage } from "./settings-page";

const settingsForm = z.object({
  name: z.string().trim().min(1).max(200),
  contact_email: z.union([z.literal(""), z.string().trim().email()]),
});

const staffForm = z.object({
  display_name: z.string().trim().min(1).max(200),
  email: z.string().trim().email().max(254),
  role: z.enum(["admin", "accountant", "assistant"]),
  expected_tenant: z.string().trim().min(3).max(253),
});

const settingsBody = formBody({ name: optionalText, contact_email: optionalText });
const staffBody = formBody({
  display_name: optionalText,
  email: optionalText,
  role: optionalText,
  expected_tenant: optionalText,
});

/** The firm administrator's pages: settings, staff, approvals seen, and the audit log. */
export function registerSettingsRoutes(fastify: FastifyInstance, ctx: PortalContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const admin = ["admin"] as const;

  app.get(
    "/:firm/settings",
    { schema: { params: firmParams, querystring: z.object({ saved: queryText }) } },
    async (request, reply) =>
      staffOnly(
        ctx,
        request,
        reply,
        (who) => settingsPage(ctx, request, reply, who, request.query.saved === "1"),
        admin,
      ),
  );

  app.post(
    "/:firm/settings",
    { schema: { params: firmParams, body: settingsBody } },
    async (request, reply) =>
      staffOnly(
        ctx,
        request,
        reply,
        async (who) => {
          const parsed = settingsForm.safeParse(request.body);
          if (!parsed.success) {
            const bad =
              parsed.error.issues[0]?.path[0] === "name"
                ? "firm.settings.nameRequired"
                : "firm.settings.emailInvalid";
            return settingsPage(ctx, request, reply, who, false, { error: bad });
          }
          await saveFirmSettings(ctx, who, {
            name: parsed.data.name,
            contactEmail: parsed.data.contact_email || null,
          });
          return reply.redirect(`/${who.firm.code}/settings?saved=1`, 303);
        },
        admin,
      ),
  );

  app.post("/:firm/staff", { schema: { params: firmParams, body: staffBody } }, async (request, reply) =>
    staffOnly(
      ctx,
      request,
      reply,
      async (who) => {
        const parsed = staffForm.safeParse(request.body);
        if (!parsed.success)
          return settingsPage(ctx, request, reply, who, false, { staffError: "firm.staff.invalid" });
        const added = await addStaff(ctx, who, {
          email: parsed.data.email,
          displayName: parsed.data.display_name,
          role: parsed.data.role,
          expectedTenant: parsed.data.expected_tenant,
        });
        if (!added.ok) return settingsPage(ctx, request, reply, who, false, { staffError: added.refusal });
        return reply.redirect(withFlash(`/${who.firm.code}/settings`, "staffAdded"), 303);
      },
      admin,
    ),
  );

  // The raw log (codes, addresses, tenant ids) became the journal in words (issue 13, defect 10).
  app.get("/:firm/audit", { schema: { params: firmParams } }, async (request, reply) => {
    const firm = await firmOf(ctx, request);
    return reply.redirect(`/${firm.code}/journal`, 301);
  });
}
