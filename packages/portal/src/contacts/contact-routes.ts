import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { findDossier, findDossierBySiren } from "../dossiers/dossier-queries";
import { PortalError } from "../errors/portal-error";
import { firmParams, staffOnly } from "../firms/firm-access";
import { checkReadiness } from "../readiness/check-readiness";
import { readinessKey } from "../readiness/readiness-text";
import type { PortalContext } from "../service/portal-context";
import { withFlash } from "../ui/flash";
import { formBody, optionalText } from "../ui/form-body";
import { tr } from "../ui/page";
import type { ContactFormErrors } from "./contact-form";
import { parseContact } from "./contact-input";
import { listPage, newPage } from "./contact-list-page";
import { createContact } from "./contact-operations";
import { registerContactPage } from "./contact-page";
import { rightsFields, rightsOf } from "./contact-rights";

const contactBody = formBody({
  civility: optionalText,
  first_name: optionalText,
  last_name: optionalText,
  email: optionalText,
  phone: optionalText,
  language: optionalText,
  dossier_siren: optionalText,
  invite: optionalText,
  ...rightsFields,
});

export function registerContactRoutes(fastify: FastifyInstance, ctx: PortalContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    "/:firm/interlocuteurs",
    {
      schema: {
        params: firmParams,
        querystring: z.object({ q: z.string().max(100).default("") }).catch({ q: "" }),
      },
    },
    async (request, reply) =>
      staffOnly(ctx, request, reply, (who) => listPage(ctx, request, reply, who, request.query.q)),
  );

  app.get(
    "/:firm/interlocuteurs/new",
    {
      schema: {
        params: firmParams,
        querystring: z.object({ dossier: z.string().max(64).default("") }).catch({ dossier: "" }),
      },
    },
    async (request, reply) =>
      staffOnly(ctx, request, reply, async (who) => {
        // The dossier's page links here with its id; a SIREN typed in the address bar works too.
        const wanted = request.query.dossier.trim();
        const dossier = wanted
          ? ((await findDossier(ctx.db, who.firm.id, wanted)) ??
            (await findDossierBySiren(ctx.db, who.firm.id, wanted)))
          : undefined;
        return newPage(ctx, request, reply, who, { dossier_siren: dossier?.siren ?? "" }, {});
      }),
  );

  app.post(
    "/:firm/interlocuteurs/new",
    { schema: { params: firmParams, body: contactBody } },
    async (request, reply) =>
      staffOnly(ctx, request, reply, async (who) => {
        const values = request.body;
        const parsed = parseContact(values);
        const dossier = values.dossier_siren?.trim()
          ? await findDossierBySiren(ctx.db, who.firm.id, values.dossier_siren)
          : undefined;
        const errors: ContactFormErrors = parsed.ok ? {} : { ...parsed.errors };
        if (values.dossier_siren?.trim() && !dossier) errors.dossier = "contact.error.dossier";
        if (!parsed.ok || Object.keys(errors).length > 0)
          return newPage(ctx, request, reply, who, values, errors);
        const created = await createContact(ctx, who, {
          contact: parsed.input,
          // Asked before the operation: a slow authority never holds a write lock.
          readiness: await checkReadiness(ctx, who.firm.id, parsed.input.email),
          ...(dossier ? { dossier: { dossierId: dossier.id, ...rightsOf(values) } } : {}),
          invite: values.invite === "1",
        });
        if (!created.ok) return newPage(ctx, request, reply, who, values, { email: created.refusal });
        const done = values.invite === "1" ? "contactInvited" : "contactCreated";
        return reply.redirect(withFlash(`/${who.firm.code}/interlocuteurs/${created.contact.id}`, done), 303);
      }),
  );

  app.get(
    "/:firm/readiness",
    {
      schema: { params: firmParams, querystring: z.object({ email: z.string().max(1000).default("") }) },
      // Called by the form's script with fetch(): its errors are JSON.
      config: { jsonErrors: true },
    },
    async (request, reply) =>
      staffOnly(ctx, request, reply, async ({ firm }) => {
        const t = tr(request);
        const email = z.string().trim().email().max(254).safeParse(request.query.email);
        if (!email.success) throw new PortalError(400, "contact.error.email");
        const readiness = await checkReadiness(ctx, firm.id, email.data);
        return reply.header("cache-control", "no-store").send({
          ...readiness,
          message: t(readinessKey(readiness.kind, readiness.consent), {
            domain: readiness.domain ?? "",
            organization: readiness.organization ?? "",
          }),
        });
      }),
  );

  registerContactPage(app, ctx);
}
