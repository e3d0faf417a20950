import { createExpiryIndexes } from "@sesame/kit/db/expiry-sweeper";
import type { IdentityFeature } from "../feature";
import { createMarketingConsentTable } from "../storage/marketing-consent-table";
import { createSecurityAlertTables, securityAlertExpiry } from "../storage/security-alert-tables";
import { registerAccountPageRoutes } from "./account-page-routes";
import { registerNotMeRoutes } from "./not-me-routes";
import { registerProfileRoutes } from "./profile-routes";

/**
 * The holder's account page: profile, sessions, allowed applications, data export; security mails and
 * their "This wasn't me" link. Migrations 0950–0999.
 */
export const accountPageFeature: IdentityFeature = {
  name: "account-page",
  migrations: {
    "0950_account_marketing_consent_history": { up: createMarketingConsentTable },
    "0951_account_security_alerts": { up: createSecurityAlertTables },
    "0952_account_security_alert_expiry": { up: (db) => createExpiryIndexes(db, [securityAlertExpiry]) },
  },
  expiry: [securityAlertExpiry],
  register(app, ctx) {
    registerAccountPageRoutes(app, ctx);
    registerProfileRoutes(app, ctx);
    registerNotMeRoutes(app, ctx);
  },
};
