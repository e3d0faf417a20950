import type { IdentityFeature } from "../feature";
import { registerGraphAppRoutes } from "./graph-app-routes";
import { registerGraphRoutes } from "./graph-routes";
import { registerGraphUserWrites } from "./graph-user-writes";

/** Microsoft Graph v1.0 subset on identity's host: reads, user writes, applications and grants. */
export const graphFeature: IdentityFeature = {
  name: "graph",
  migrations: {},
  register(app, ctx) {
    registerGraphRoutes(app, ctx);
    registerGraphUserWrites(app, ctx);
    registerGraphAppRoutes(app, ctx);
  },
};
