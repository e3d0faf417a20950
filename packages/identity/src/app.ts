import type { ServerOptions } from "node:https";
import { createHttpApp } from "@sesame/kit/http/create-app";
import { serviceHealth } from "@sesame/kit/service/service-health";
import type { FastifyInstance } from "fastify";
import type { IdentityContext } from "./context";
import { identityFeatures } from "./features";
import { registerHomeRoutes } from "./home/home-routes";
import { messages } from "./i18n/messages";
import { registerDevMailRoutes } from "./mailbox/dev-mail-routes";
import { BRAND } from "./ui/page";

/** identity's HTTP surface: one registration per feature folder. */
export async function buildIdentityApp(
  ctx: IdentityContext,
  https?: ServerOptions,
): Promise<FastifyInstance> {
  const health = serviceHealth(ctx);
  const app = await createHttpApp({
    service: "identity",
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
  registerHomeRoutes(app, ctx);
  for (const feature of identityFeatures) await feature.register(app, ctx);
  if (ctx.devMailbox) registerDevMailRoutes(app, ctx);
  return app;
}
