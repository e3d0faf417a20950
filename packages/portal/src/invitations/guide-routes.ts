import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { approvalLink } from "../consent/approval-link";
import { consentStateFor } from "../consent/consent-queries";
import { firmParams } from "../firms/firm-access";
import { startSignIn } from "../identity-client/start-signin";
import { refreshReadiness } from "../readiness/readiness-operations";
import type { PortalContext } from "../service/portal-context";
import { formBody, optionalText } from "../ui/form-body";
import { tr } from "../ui/page";
import { openGuide, showGuide } from "./guide-view";
import { forwardApprovalRequest, recordApprovalRequested } from "./invitation-operations";

const guideParams = firmParams.extend({ token: z.string() });

export function registerGuideRoutes(fastify: FastifyInstance, ctx: PortalContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get("/:firm/guide/:token", { schema: { params: guideParams } }, async (request, reply) => {
    const opened = await openGuide(ctx, request, reply);
    if (!opened) return reply;
    return showGuide(ctx, request, reply, opened, {});
  });

  app.post(
    "/:firm/guide/:token/forward",
    { schema: { params: guideParams, body: formBody({ admin_email: optionalText }) } },
    async (request, reply) => {
      const opened = await openGuide(ctx, request, reply);
      if (!opened) return reply;
      const { firm, contact } = opened;
      const t = tr(request);
      const adminEmail = z.string().trim().email().max(254).safeParse(request.body.admin_email);
      if (!adminEmail.success)
        return showGuide(ctx, request, reply, opened, { forwardError: t("guide.forward.invalid") });
      if ((await ctx.counters.increment(`forward:${contact.id}`, 60 * 60 * 1000)) > 5) {
        return showGuide(ctx, request, reply, opened, { forwardError: t("guide.forward.limit") }, 429);
      }
      await forwardApprovalRequest(ctx, {
        firm,
        contact,
        adminEmail: adminEmail.data,
        locale: request.locale,
        approvalLink: approvalLink({
          authority: ctx.authority,
          clientId: ctx.config.SESAME_CLIENT_ID,
          portalOrigin: ctx.origin,
          firmCode: firm.code,
          state: await consentStateFor(ctx.db, firm.id, contact.id),
        }),
      });
      return showGuide(ctx, request, reply, opened, { forwardedTo: adminEmail.data }, 200, false);
    },
  );

  app.post(
    "/:firm/guide/:token/approval-requested",
    { schema: { params: guideParams, body: formBody({}) } },
    async (request, reply) => {
      const opened = await openGuide(ctx, request, reply);
      if (!opened) return reply;
      await recordApprovalRequested(ctx, opened);
      return reply.redirect(`/${opened.firm.code}/guide/${opened.token}`, 303);
    },
  );

  app.get("/:firm/guide/:token/signin", { schema: { params: guideParams } }, async (request, reply) => {
    const opened = await openGuide(ctx, request, reply);
    if (!opened) return reply;
    // Coming back from the sign-up, the contact now has an account: the firm's lists say so.
    await refreshReadiness(ctx, opened.contact);
    const url = await startSignIn(ctx, {
      kind: "contact",
      firmId: opened.firm.id,
      invitationToken: opened.token,
      returnTo: `/${opened.firm.code}/espace`,
      loginHint: opened.contact.email,
    });
    return reply.redirect(url);
  });
}
