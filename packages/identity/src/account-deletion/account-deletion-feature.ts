import { createExpiryIndexes } from "@sesame/kit/db/expiry-sweeper";
import { createJobTable, jobExpiry } from "@sesame/kit/jobs/job-table";
import type { IdentityFeature } from "../feature";
import { createAccountDeletionTables, reopenChallengeExpiry } from "../storage/account-deletion-tables";
import { registerDeletionRoutes } from "./deletion-routes";

/**
 * Closing a personal account: 30 days to reopen it by signing in, then erasure by a durable job.
 * Migrations 1100–1149; the job table is identity's first use of kit's job runner (identity-jobs.ts).
 */
export const accountDeletionFeature: IdentityFeature = {
  name: "account-deletion",
  migrations: {
    "1100_account_deletion": { up: createAccountDeletionTables },
    "1101_jobs": { up: createJobTable },
    "1102_account_deletion_expiry": {
      up: (db) => createExpiryIndexes(db, [reopenChallengeExpiry, ...jobExpiry]),
    },
  },
  expiry: [reopenChallengeExpiry, ...jobExpiry],
  register(app, ctx) {
    registerDeletionRoutes(app, ctx);
  },
};
