import { registerAdminRoutes } from "../admin/admin-routes";
import { userCommands } from "../directory/user-cli";
import type { IdentityFeature } from "../feature";
import { registerGraph } from "../graph/graph-feature-routes";
import { licenceCommands } from "../licences/licence-cli";
import { registerLicenceRequestApi } from "../reseller/licence-request-api";
import { resellerApiVerifier } from "../reseller/reseller-api-app";
import { resellerCommands } from "../reseller/reseller-cli";
import { registerResellerRoutes } from "../reseller/reseller-routes";
import { roleCommands } from "../roles/role-cli";
import { tenantCommands } from "./tenant-cli";
import { tenantMigrations } from "./tenant-migrations";

/** Organizations: tenants, domains, roles, licences, reseller, admin centre, Graph (migrations 0300–0399). */
export const tenantsFeature: IdentityFeature = {
  name: "tenants",
  migrations: tenantMigrations,
  register(app, ctx) {
    registerAdminRoutes(app, ctx);
    registerResellerRoutes(app, ctx);
    registerGraph(app, ctx);
    registerLicenceRequestApi(app, ctx, resellerApiVerifier(ctx));
  },
  cli: [...tenantCommands, ...userCommands, ...roleCommands, ...licenceCommands, ...resellerCommands],
};
