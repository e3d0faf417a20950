import { createExpiryIndexes, type ExpiryRule } from "@sesame/kit/db/expiry-sweeper";
import type { IdentityFeature } from "../feature";
import { addSessionAmr, createFactorTables, createSecurityDefaultsTable } from "../storage/factor-tables";
import { registerRegistrationRoutes } from "./registration-page";

/** A sign-in waiting for its second factor is useless once expired. */
const factorExpiry: readonly ExpiryRule[] = [{ table: "factor_challenge", column: "expires_at", keepMs: 0 }];

/** Second factors: the authenticator app (TOTP) with its recovery codes. Migrations 0800–0899. */
export const factorsFeature: IdentityFeature = {
  name: "factors",
  migrations: {
    "0800_factor_tables": { up: createFactorTables },
    "0801_session_amr": { up: addSessionAmr },
    "0802_factor_expiry_indexes": { up: (db) => createExpiryIndexes(db, factorExpiry) },
    "0803_security_defaults": { up: createSecurityDefaultsTable },
  },
  expiry: factorExpiry,
  register(app, ctx) {
    registerRegistrationRoutes(app, ctx);
  },
};
