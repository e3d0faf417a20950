import type { ServerOptions } from "node:https";
import { createHttpApp } from "@sesame/kit/http/create-app";
import type { FastifyInstance } from "fastify";
import type { PortalContext } from "./context";
import { registerHomeRoutes } from "./home/home-routes";
import { type MessageKey, messages, translate } from "./i18n/messages";
import { BRAND } from "./ui/page";

/** The portal's HTTP surface: one registration per feature folder. */
export async function buildPortalApp(ctx: PortalContext, https?: ServerOptions): Promise<FastifyInstance> {
  const app = await createHttpApp({
    service: "portal",
    brand: BRAND,
    logger: ctx.logger,
    checkReady: () => ctx.database.ping(),
    ...(https ? { https } : {}),
  });
  app.resolveMessage = (request, key, params) =>
    key in messages.fr ? translate(request.locale)(key as MessageKey, params) : undefined;
  registerHomeRoutes(app, ctx);
  return app;
}
