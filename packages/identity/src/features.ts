import { adminConsentFeature } from "./admin-consent/admin-consent-feature";
import type { IdentityFeature } from "./feature";
import { oauthFeature } from "./oauth/oauth-feature";
import { signinFeature } from "./signin/signin-feature";
import { signupFeature } from "./signup/signup-feature";
import { tenantsFeature } from "./tenants/tenants-feature";

/** Every feature of identity, in registration order. */
export const identityFeatures: readonly IdentityFeature[] = [
  tenantsFeature,
  signinFeature,
  signupFeature,
  oauthFeature,
  adminConsentFeature,
];
