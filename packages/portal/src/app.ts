import type { ServerOptions } from "node:https";
import { createHttpApp } from "@sesame/kit/http/create-app";
import type { FastifyInstance } from "fastify";
import { registerAuthRoutes } from "./auth/auth-routes";
import { registerConsentRoutes } from "./consent/consent-routes";
import { registerContactRoutes } from "./contacts/contact-routes";
import { registerSpaceRoutes } from "./contacts/space-routes";
import { registerDossierRoutes } from "./dossiers/dossier-routes";
import { registerFirmRoutes } from "./firms/firm-routes";
import { registerHomeRoutes } from "./home/home-routes";
import { messages } from "./i18n/messages";
import { registerImportRoutes } from "./imports/import-routes";
import { registerGuideRoutes } from "./invitations/guide-routes";
import { registerLicenceRoutes } from "./licences/licence-routes";
import { registerReadinessAsset } from "./readiness/readiness-asset";
import type { PortalContext } from "./service/portal-context";
import { BRAND } from "./ui/page";

/** The portal's HTTP surface: one registration per feature folder. */
export async function buildPortalApp(ctx: PortalContext, https?: ServerOptions): Promise<FastifyInstance> {
  const app = await createHttpApp({
    service: "portal",
    brand: BRAND,
    messages,
    logger: ctx.logger,
    checkReady: () => ctx.database.ping(),
    ...(https ? { https } : {}),
  });
  registerHomeRoutes(app, ctx);
  registerReadinessAsset(app);
  registerAuthRoutes(app, ctx);
  registerConsentRoutes(app, ctx);
  registerFirmRoutes(app, ctx);
  registerDossierRoutes(app, ctx);
  registerContactRoutes(app, ctx);
  registerGuideRoutes(app, ctx);
  registerSpaceRoutes(app, ctx);
  registerLicenceRoutes(app, ctx);
  registerImportRoutes(app, ctx);
  return app;
}
