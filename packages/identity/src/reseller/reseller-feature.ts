import type { IdentityFeature } from "../feature";
import { createResellerTables } from "../storage/reseller-tables";
import { registerLicenceRequestApi } from "./licence-request-api";
import { resellerApiVerifier } from "./reseller-api-app";
import { resellerCommands } from "./reseller-cli";
import { registerResellerRoutes } from "./reseller-routes";

/** Partners who sell organizations and seats: their pages, API and commands (migration 0304). */
export const resellerFeature: IdentityFeature = {
  name: "reseller",
  migrations: { "0304_tenants_reseller": { up: createResellerTables } },
  register(app, ctx) {
    registerResellerRoutes(app, ctx);
    registerLicenceRequestApi(app, ctx, resellerApiVerifier(ctx));
  },
  cli: resellerCommands,
};
