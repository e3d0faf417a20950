import type { IdentityFeature } from "../feature";
import { registerAdminConsentRoutes } from "./adminconsent-routes";
import { createServicePrincipalTable } from "./service-principal-tables";

export type { AdminConsentTables } from "./service-principal-tables";

/** Tenant-wide admin consent: service principals and the /adminconsent endpoints (migrations 0500–0599). */
export const adminConsentFeature: IdentityFeature = {
  name: "admin-consent",
  migrations: {
    "0500_admin_consent_service_principals": { up: createServicePrincipalTable },
  },
  register(app, ctx) {
    registerAdminConsentRoutes(app, ctx);
  },
};
