import type { IdentityFeature } from "../feature";
import { createMarketingConsentTable } from "../storage/marketing-consent-table";
import { registerAccountPageRoutes } from "./account-page-routes";
import { registerProfileRoutes } from "./profile-routes";

/** The holder's account page: profile, sessions, allowed applications, data export. Migrations 0950–0999. */
export const accountPageFeature: IdentityFeature = {
  name: "account-page",
  migrations: { "0950_account_marketing_consent_history": { up: createMarketingConsentTable } },
  register(app, ctx) {
    registerAccountPageRoutes(app, ctx);
    registerProfileRoutes(app, ctx);
  },
};
