import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { IdentityContext } from "../context";
import { decideLicenceRequest } from "./request-decisions";
import { asReseller } from "./reseller-guard";

const params = z.object({ id: z.string().max(64) });
const decisionForm = z.discriminatedUnion("decision", [
  z.object({ decision: z.literal("fulfilled") }),
  z.object({ decision: z.literal("declined"), reason: z.string().trim().min(1).max(500) }),
]);

/** The reseller's answer to a licence request: handled, or refused with a reason. */
export function registerRequestRoutes(app: FastifyInstance, ctx: IdentityContext): void {
  app.post(
    "/reseller/requests/:id",
    { schema: { params } },
    asReseller(ctx, async (request, reply, session) => {
      const { id } = params.parse(request.params);
      const parsed = decisionForm.safeParse(request.body ?? {});
      if (!parsed.success) return reply.redirect("/reseller?request=invalid", 303);
      const form = parsed.data;
      const changed = await decideLicenceRequest(
        ctx,
        session.actor,
        session.resellerTenantId,
        id,
        form.decision === "declined" ? { status: "declined", reason: form.reason } : { status: "fulfilled" },
      );
      return reply.redirect(`/reseller?request=${changed ? form.decision : "closed"}`, 303);
    }),
  );
}
