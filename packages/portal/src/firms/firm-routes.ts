import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { PortalContext } from "../service/portal-context";
import { firmOf, firmParams, sessionOf } from "./firm-access";

/** /{firm}: a signed-in person goes to their home page in the firm, anyone else to its sign-in. */
export function registerFirmRoutes(app: FastifyInstance, ctx: PortalContext): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  // "/YPN/" (a trailing slash, as people type it) is the same place as "/YPN".
  for (const path of ["/:firm", "/:firm/"])
    typed.get(path, { schema: { params: firmParams } }, async (request, reply) => {
      const firm = await firmOf(ctx, request);
      const session = await sessionOf(ctx, request);
      if (session?.firm_id === firm.id) {
        return reply.redirect(`/${firm.code}/${session.kind === "staff" ? "dossiers" : "espace"}`);
      }
      return reply.redirect(`/${firm.code}/signin`);
    });
}
