import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { PortalError } from "../errors/portal-error";
import { firmItemParams, firmParams, staffOnly } from "../firms/firm-access";
import type { PortalContext } from "../service/portal-context";
import { withFlash } from "../ui/flash";
import { formBody, optionalText } from "../ui/form-body";
import {
  refusalStatus,
  setGuestByDefault,
  turnGuestAccessOff,
  turnGuestAccessOn,
} from "./guest-access-operations";
import { firmContact } from "./guest-access-queries";

const switchBody = formBody({ access: optionalText });
const access = z.enum(["on", "off"]);

/** Staff turn "Accès invité" on or off per contact; the firm's admin sets it as the default. */
export function registerGuestAccessRoutes(fastify: FastifyInstance, ctx: PortalContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.post(
    "/:firm/interlocuteurs/:id/guest-access",
    { schema: { params: firmItemParams, body: switchBody } },
    async (request, reply) =>
      staffOnly(ctx, request, reply, async (who) => {
        const wanted = access.safeParse(request.body.access);
        if (!wanted.success) throw new PortalError(400, "guest.error.choice");
        const contact = await firmContact(ctx.db, who.firm.id, request.params.id);
        if (!contact) throw new PortalError(404, "contact.notFound");
        const base = `/${who.firm.code}/interlocuteurs/${contact.id}`;
        if (wanted.data === "off") {
          await turnGuestAccessOff(ctx, who, contact);
          return reply.redirect(withFlash(base, "guestOff"), 303);
        }
        const switched = await turnGuestAccessOn(ctx, who, contact);
        if (!switched.ok) throw new PortalError(refusalStatus[switched.refusal], switched.refusal);
        return reply.redirect(withFlash(base, "guestOn"), 303);
      }),
  );

  app.post(
    "/:firm/settings/guest-access",
    { schema: { params: firmParams, body: switchBody } },
    async (request, reply) =>
      staffOnly(
        ctx,
        request,
        reply,
        async (who) => {
          const wanted = access.safeParse(request.body.access);
          if (!wanted.success) throw new PortalError(400, "guest.error.choice");
          await setGuestByDefault(ctx, who, wanted.data === "on");
          return reply.redirect(`/${who.firm.code}/settings?saved=1`, 303);
        },
        ["admin"],
      ),
  );
}
