import { accountDeletionFeature } from "./account-deletion/account-deletion-feature";
import { accountPageFeature } from "./account-page/account-page-feature";
import { adminFeature } from "./admin/admin-feature";
import { adminConsentFeature } from "./admin-consent/admin-consent-feature";
import { consentRequestsFeature } from "./consent-requests/consent-requests-feature";
import { directoryFeature } from "./directory/directory-feature";
import { factorsFeature } from "./factors/factors-feature";
import type { IdentityFeature } from "./feature";
import { graphFeature } from "./graph/graph-feature";
import { guestsFeature } from "./guests/guests-feature";
import { licencesFeature } from "./licences/licences-feature";
import { oauthFeature } from "./oauth/oauth-feature";
import { passkeysFeature } from "./passkeys/passkeys-feature";
import { resellerFeature } from "./reseller/reseller-feature";
import { rolesFeature } from "./roles/roles-feature";
import { signinFeature } from "./signin/signin-feature";
import { signupFeature } from "./signup/signup-feature";
import { tenantsFeature } from "./tenants/tenants-feature";

/** Every feature of identity, in registration order. */
export const identityFeatures: readonly IdentityFeature[] = [
  tenantsFeature,
  directoryFeature,
  rolesFeature,
  licencesFeature,
  resellerFeature,
  adminFeature,
  graphFeature,
  signinFeature,
  signupFeature,
  accountPageFeature,
  oauthFeature,
  adminConsentFeature,
  consentRequestsFeature,
  factorsFeature,
  guestsFeature,
  accountDeletionFeature,
  passkeysFeature,
];
