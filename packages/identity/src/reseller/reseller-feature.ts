import type { IdentityFeature } from "../feature";
import { addLicenceRequestReason, createResellerTables } from "../storage/reseller-tables";
import { registerLicenceRequestApi } from "./licence-request-api";
import { resellerApiVerifier } from "./reseller-api-app";
import { resellerCommands } from "./reseller-cli";
import { registerResellerRoutes } from "./reseller-routes";

/** Partners who sell organizations and seats: their pages, API and commands (migrations 0304, 0900). */
export const resellerFeature: IdentityFeature = {
  name: "reseller",
  migrations: {
    "0304_tenants_reseller": { up: createResellerTables },
    "0900_licence_request_reason": { up: addLicenceRequestReason },
  },
  register(app, ctx) {
    registerResellerRoutes(app, ctx);
    registerLicenceRequestApi(app, ctx, resellerApiVerifier(ctx));
  },
  cli: resellerCommands,
};
