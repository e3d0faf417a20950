import type { ServerOptions } from "node:https";
import { createHttpApp } from "@sesame/kit/http/create-app";
import { serviceHealth } from "@sesame/kit/service/service-health";
import type { FastifyInstance } from "fastify";
import { registerApprovalRoutes } from "./approvals/approval-routes";
import { registerAuthRoutes } from "./auth/auth-routes";
import { registerBrandingHook } from "./branding/branding-hook";
import { registerBrandingRoutes } from "./branding/branding-routes";
import { registerClientHomeRoutes } from "./client-home/client-home-routes";
import { registerConsentRoutes } from "./consent/consent-routes";
import { registerContactRoutes } from "./contacts/contact-routes";
import { registerDashboardRoutes } from "./dashboard/dashboard-routes";
import { registerDocumentRoutes } from "./documents/document-routes";
import { registerDossierRoutes } from "./dossiers/dossier-routes";
import { registerPortalErrors } from "./errors/portal-error-handler";
import { registerFirmHomeRoutes } from "./firm-home/firm-home-routes";
import { registerFirmRoutes } from "./firms/firm-routes";
import { registerGuestAccessRoutes } from "./guests/guest-access-routes";
import { registerHomeRoutes } from "./home/home-routes";
import { messages } from "./i18n/messages";
import { registerImportRoutes } from "./imports/import-routes";
import { registerGuideRoutes } from "./invitations/guide-routes";
import { registerJournalRoutes } from "./journal/journal-routes";
import { registerLicenceRoutes } from "./licences/licence-routes";
import { registerMessageRoutes } from "./messages/message-routes";
import { registerNotificationRoutes } from "./notifications/notification-routes";
import { registerReadinessAsset } from "./readiness/readiness-asset";
import { registerReminderRoutes } from "./reminders/reminder-routes";
import { registerRequestRoutes } from "./requests/request-routes";
import type { PortalContext } from "./service/portal-context";
import { registerSettingsRoutes } from "./settings/settings-routes";
import { BRAND } from "./ui/page";
import { registerUploadLinkRoutes } from "./upload-links/upload-link-routes";

/** The portal's HTTP surface: one registration per feature folder. */
export async function buildPortalApp(ctx: PortalContext, https?: ServerOptions): Promise<FastifyInstance> {
  const health = serviceHealth(ctx);
  const app = await createHttpApp({
    service: "portal",
    brand: BRAND,
    messages,
    logger: ctx.logger,
    checkReady: () => ctx.database.ping(),
    degradations: health.degradations,
    metricsToken: ctx.config.SESAME_METRICS_TOKEN,
    trustedProxies: ctx.config.SESAME_TRUSTED_PROXIES,
    ...(https ? { https } : {}),
  });
  health.registerGauges(app.metrics);
  // The portal's pages in one scope with one error handler (kit's stays for its own routes).
  await app.register(async (portal) => {
    registerPortalErrors(portal);
    registerBrandingHook(portal, ctx);
    registerHomeRoutes(portal, ctx);
    registerReadinessAsset(portal);
    registerAuthRoutes(portal, ctx);
    registerConsentRoutes(portal, ctx);
    registerFirmRoutes(portal, ctx);
    registerDossierRoutes(portal, ctx);
    registerContactRoutes(portal, ctx);
    registerGuideRoutes(portal, ctx);
    registerClientHomeRoutes(portal, ctx);
    registerLicenceRoutes(portal, ctx);
    registerImportRoutes(portal, ctx);
    registerSettingsRoutes(portal, ctx);
    registerDocumentRoutes(portal, ctx);
    registerReminderRoutes(portal, ctx);
    registerDashboardRoutes(portal, ctx);
    registerJournalRoutes(portal, ctx);
    registerNotificationRoutes(portal, ctx);
    registerRequestRoutes(portal, ctx);
    registerFirmHomeRoutes(portal, ctx);
    registerGuestAccessRoutes(portal, ctx);
    registerMessageRoutes(portal, ctx);
    registerApprovalRoutes(portal, ctx);
    registerBrandingRoutes(portal, ctx);
    registerUploadLinkRoutes(portal, ctx);
  });
  return app;
}
