import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { PortalContext } from "../service/portal-context";
import { firmOf, firmParams, sessionOf } from "./firm-access";

/** /{firm}: a signed-in person goes to their home page in the firm, anyone else to its sign-in. */
export function registerFirmRoutes(app: FastifyInstance, ctx: PortalContext): void {
  app
    .withTypeProvider<ZodTypeProvider>()
    .get("/:firm", { schema: { params: firmParams } }, async (request, reply) => {
      const firm = await firmOf(ctx, request);
      const session = await sessionOf(ctx, request);
      if (session?.firm_id === firm.id) {
        return reply.redirect(`/${firm.code}/${session.kind === "staff" ? "dossiers" : "espace"}`);
      }
      return reply.redirect(`/${firm.code}/signin`);
    });
}
