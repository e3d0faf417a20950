import type { IdentityFeature } from "../feature";
import { createServicePrincipalTable } from "../storage/service-principal-tables";
import { registerAdminConsentRoutes } from "./adminconsent-routes";

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
