import { type CodeTables, createEmailCodeTable } from "../codes/code-table";
import type { IdentityFeature } from "../feature";
import { registerMailboxRoutes } from "../mailbox/mailbox-routes";
import { registerSignupAssets } from "./signup-assets";
import { registerCodeRoutes } from "./signup-code-routes";
import { registerEmailRoutes } from "./signup-email-routes";
import { registerFinishRoutes } from "./signup-finish-routes";
import { registerProfileRoutes } from "./signup-profile-routes";
import { createSignupAttemptTable, type SignupAttemptTables } from "./signup-table";

/** Tables of the sign-up wizard and of emailed codes (migrations 0100–0199). */
export interface SignupTables extends SignupAttemptTables, CodeTables {}

/** The free personal account sign-up (PRODUCT.md 1.1) and the mailbox of new platform addresses. */
export const signupFeature: IdentityFeature = {
  name: "signup",
  migrations: {
    "0100_signup_attempts": { up: createSignupAttemptTable },
    "0101_email_codes": { up: createEmailCodeTable },
  },
  register(app, ctx) {
    registerSignupAssets(app);
    registerEmailRoutes(app, ctx);
    registerProfileRoutes(app, ctx);
    registerCodeRoutes(app, ctx);
    registerFinishRoutes(app, ctx);
    registerMailboxRoutes(app, ctx);
  },
};
