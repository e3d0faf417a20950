import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { PortalError } from "../errors/portal-error";
import { firmItemParams, firmParams, type StaffRequest, staffOnly } from "../firms/firm-access";
import { listStaff } from "../firms/firm-queries";
import type { PortalContext } from "../service/portal-context";
import { withFlash } from "../ui/flash";
import { formBody, optionalText } from "../ui/form-body";
import { parseDossier } from "./dossier-input";
import { listPage, listQuery } from "./dossier-list-page";
import { changeDossier, createDossier } from "./dossier-operations";
import { formPage } from "./dossier-page";
import { findDossier } from "./dossier-queries";

const dossierBody = formBody({
  name: optionalText,
  siren: optionalText,
  siret: optionalText,
  address: optionalText,
  accountant_id: optionalText,
  status: optionalText,
});

export function registerDossierRoutes(fastify: FastifyInstance, ctx: PortalContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    "/:firm/dossiers",
    { schema: { params: firmParams, querystring: listQuery } },
    async (request, reply) =>
      staffOnly(ctx, request, reply, (who) => listPage(ctx, request, reply, who, request.query)),
  );

  app.get("/:firm/dossiers/new", { schema: { params: firmParams } }, async (request, reply) =>
    staffOnly(ctx, request, reply, (who) =>
      // A new dossier is the signed-in accountant's unless they choose someone else.
      formPage(
        ctx,
        request,
        reply,
        who,
        undefined,
        who.staff.role === "assistant" ? {} : { accountant_id: who.staff.id },
        {},
      ),
    ),
  );

  app.post(
    "/:firm/dossiers/new",
    { schema: { params: firmParams, body: dossierBody } },
    async (request, reply) =>
      staffOnly(ctx, request, reply, async (who) => {
        const parsed = parseDossier(request.body, await accountantIds(ctx, who));
        if (!parsed.ok) return formPage(ctx, request, reply, who, undefined, request.body, parsed.errors);
        const created = await createDossier(ctx, who, parsed.input);
        if (!created.ok)
          return formPage(ctx, request, reply, who, undefined, request.body, { siren: created.refusal });
        return reply.redirect(
          withFlash(`/${who.firm.code}/dossiers/${created.dossier.id}`, "dossierCreated"),
          303,
        );
      }),
  );

  app.get("/:firm/dossiers/:id", { schema: { params: firmItemParams } }, async (request, reply) =>
    staffOnly(ctx, request, reply, async (who) => {
      const dossier = await visibleDossier(ctx, request.params.id, who);
      return formPage(ctx, request, reply, who, dossier.id, dossier, {});
    }),
  );

  app.post(
    "/:firm/dossiers/:id",
    { schema: { params: firmItemParams, body: dossierBody } },
    async (request, reply) =>
      staffOnly(ctx, request, reply, async (who) => {
        const dossier = await visibleDossier(ctx, request.params.id, who);
        const parsed = parseDossier(request.body, await accountantIds(ctx, who));
        if (!parsed.ok) return formPage(ctx, request, reply, who, dossier.id, request.body, parsed.errors);
        const changed = await changeDossier(ctx, who, dossier, parsed.input);
        if (!changed.ok)
          return formPage(ctx, request, reply, who, dossier.id, request.body, { siren: changed.refusal });
        return reply.redirect(withFlash(`/${who.firm.code}/dossiers/${dossier.id}`, "dossierSaved"), 303);
      }),
  );
}

async function accountantIds(ctx: PortalContext, { firm }: StaffRequest): Promise<string[]> {
  return (await listStaff(ctx.db, firm.id)).filter((s) => s.role !== "assistant").map((s) => s.id);
}

/** An accountant sees the dossiers in their charge only; any other id is the same 404 page. */
async function visibleDossier(ctx: PortalContext, id: string, { firm, staff }: StaffRequest) {
  const dossier = await findDossier(ctx.db, firm.id, id);
  if (!dossier || (staff.role === "accountant" && dossier.accountant_id !== staff.id)) {
    throw new PortalError(404, "dossier.notFound");
  }
  return dossier;
}
