import { html } from "@sesame/kit/ui/html";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { findApplication } from "../apps/app-queries";
import type { IdentityContext } from "../context";
import { activeSessions, SESSION_COOKIE } from "../sessions/sessions";
import { DirectoryError } from "../tenants/directory-error";
import { findTenant } from "../tenants/tenant-queries";
import { sendPage, tr } from "../ui/page";
import { requestAdminConsent } from "./consent-request-operations";

const requestForm = z.object({
  client_id: z.string().max(100),
  resource: z.string().max(100),
  scopes: z.string().max(2000),
  account: z.string().max(100),
  reason: z.string().max(2000),
  /** Kept for the CSRF check, which runs after the body is parsed. */
  _csrf: z.string().max(200).optional(),
});

/** "Request approval", posted from "Need admin approval" by the signed-in user who needs it. */
export function registerConsentRequestRoutes(app: FastifyInstance, ctx: IdentityContext): void {
  app
    .withTypeProvider<ZodTypeProvider>()
    .post("/consent-requests", { schema: { body: requestForm } }, async (request, reply) => {
      const t = tr(request);
      const form = request.body;
      const refuse = (error: DirectoryError) =>
        sendPage(request, reply, {
          title: t("consent.adminTitle"),
          status: error.statusCode,
          body: html`<h1>${t("consent.adminTitle")}</h1><p role="alert">${t(error.code, error.params)}</p>`,
        });
      const sessions = await activeSessions(ctx.db, request.cookies[SESSION_COOKIE]);
      const account = sessions.find((s) => s.account.id === form.account)?.account;
      if (account?.kind !== "work")
        return refuse(new DirectoryError("directory.error.consentRequest.signedOut", {}, 401));
      const [client, tenant] = await Promise.all([
        findApplication(ctx.db, form.client_id),
        findTenant(ctx.db, account.tenant_id),
      ]);
      if (!client || !tenant)
        return refuse(new DirectoryError("directory.error.consentRequest.unknown", {}, 404));
      try {
        const sent = await requestAdminConsent(ctx, {
          tenant: { id: tenant.id, name: tenant.display_name },
          user: {
            id: account.id,
            name: account.display_name,
            email: account.email,
            language: request.locale,
          },
          app: { appId: client.app_id, displayName: client.display_name },
          resourceAppId: form.resource,
          scopes: form.scopes.split(" ").filter(Boolean).slice(0, 50),
          reason: form.reason,
        });
        const title = t("consentRequests.sentTitle");
        return sendPage(request, reply, {
          title,
          body: html`<h1>${title}</h1>
<p role="status">${t("consentRequests.sent", { app: client.display_name, tenant: tenant.display_name, days: sent.days })}</p>`,
        });
      } catch (error) {
        if (error instanceof DirectoryError) return refuse(error);
        throw error;
      }
    });
}
