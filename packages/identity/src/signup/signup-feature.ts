import { createExpiryIndexes, DAY_MS, type ExpiryRule } from "@sesame/kit/db/expiry-sweeper";
import type { IdentityFeature } from "../feature";
import { registerMailboxRoutes } from "../mailbox/mailbox-routes";
import { createEmailCodeTable } from "../storage/code-table";
import { createSignupAttemptTable } from "../storage/signup-table";
import { createUsedSolutionTable, usedSolutionExpiry } from "../storage/used-solution-table";
import { registerSignupAssets } from "./signup-assets";
import { registerCodeRoutes } from "./signup-code-routes";
import { registerEmailRoutes } from "./signup-email-routes";
import { registerFinishRoutes } from "./signup-finish-routes";
import { registerProfileRoutes } from "./signup-profile-routes";

/**
 * A sign-up attempt is useless a day after it expired. Emailed codes are kept two days after they
 * were sent: the "10 codes per address per 24 h" limit counts them.
 */
const signupExpiry: readonly ExpiryRule[] = [
  { table: "signup_attempt", column: "expires_at", keepMs: DAY_MS },
  { table: "email_code", column: "created_at", keepMs: 2 * DAY_MS },
];

/** The free personal account sign-up (docs/product-rules.md#sign-up) and the mailbox of new platform addresses. */
export const signupFeature: IdentityFeature = {
  name: "signup",
  migrations: {
    "0100_signup_attempts": { up: createSignupAttemptTable },
    "0101_email_codes": { up: createEmailCodeTable },
    "0102_signup_expiry_indexes": {
      up: (db) => createExpiryIndexes(db, signupExpiry),
    },
    "0103_altcha_used_solutions": { up: createUsedSolutionTable },
  },
  expiry: [...signupExpiry, usedSolutionExpiry],
  register(app, ctx) {
    registerSignupAssets(app);
    registerEmailRoutes(app, ctx);
    registerProfileRoutes(app, ctx);
    registerCodeRoutes(app, ctx);
    registerFinishRoutes(app, ctx);
    registerMailboxRoutes(app, ctx);
  },
};
