import type { IdentityFeature } from "../feature";
import { registerAdminRoutes } from "./admin-routes";

/** The admin centre of organizations (/admin): pages over the directory's operations. */
export const adminFeature: IdentityFeature = {
  name: "admin",
  migrations: {},
  register: registerAdminRoutes,
};
