import type { FastifyInstance } from "fastify";
import type { IdentityContext } from "../context";
import { registerApplicationsRoutes } from "./applications-routes";
import { registerAuthenticationMethodsRoutes } from "./authentication-methods-routes";
import { registerConsentRequestSettingsRoutes } from "./consent-request-settings-routes";
import { registerConsentRequestsRoutes } from "./consent-requests-routes";
import { registerDomainsRoutes } from "./domains-routes";
import { registerLicencesRoutes } from "./licences-routes";
import { registerLogsRoutes } from "./logs-routes";
import { registerOverviewRoutes } from "./overview-routes";
import { registerUserRoutes } from "./user-routes";
import { registerUsersRoutes } from "./users-routes";

/** The admin centre at /admin: for accounts holding a directory role in their tenant. */
export function registerAdminRoutes(app: FastifyInstance, ctx: IdentityContext): void {
  registerOverviewRoutes(app, ctx);
  registerUsersRoutes(app, ctx);
  registerUserRoutes(app, ctx);
  registerDomainsRoutes(app, ctx);
  registerLicencesRoutes(app, ctx);
  registerApplicationsRoutes(app, ctx);
  registerConsentRequestSettingsRoutes(app, ctx);
  registerConsentRequestsRoutes(app, ctx);
  registerLogsRoutes(app, ctx);
  registerAuthenticationMethodsRoutes(app, ctx);
}
