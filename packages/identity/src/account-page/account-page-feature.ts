import type { IdentityFeature } from "../feature";
import { registerAccountPageRoutes } from "./account-page-routes";

/** The holder's account page: profile, sessions, allowed applications, data export. */
export const accountPageFeature: IdentityFeature = {
  name: "account-page",
  migrations: {},
  register: registerAccountPageRoutes,
};
