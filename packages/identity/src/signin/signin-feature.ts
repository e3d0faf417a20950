import { createExpiryIndexes, DAY_MS, type ExpiryRule } from "@sesame/kit/db/expiry-sweeper";
import type { FastifyInstance } from "fastify";
import type { IdentityContext } from "../context";
import type { IdentityFeature } from "../feature";
import { registerPasswordResetRoutes } from "../password-reset/password-reset-routes";
import { createLockoutTable } from "../storage/lockout-table";
import { createPasswordResetTable } from "../storage/password-reset-table";
import { registerAccountPickerRoutes } from "./account-picker-routes";
import { registerPasskeySignInRoutes } from "./passkey-sign-in-routes";
import { registerReopenRoutes } from "./reopen-routes";
import { registerSecondFactorRoutes } from "./second-factor-step";
import { registerSigninRoutes } from "./signin-routes";
import { registerStaySignedInRoutes } from "./stay-signed-in";
import { registerUpdatePasswordRoutes } from "./update-password";

/**
 * A password reset is useless a day after it expired; a lockout row after a quiet day, which the
 * lockout rules forget anyway. Sign-in sessions are the base tables' (see storage/migrations.ts).
 */
const signinExpiry: readonly ExpiryRule[] = [
  { table: "password_reset", column: "expires_at", keepMs: DAY_MS },
  { table: "signin_lockout", column: "last_failure_at", keepMs: DAY_MS },
];

export const signinFeature: IdentityFeature = {
  name: "signin",
  migrations: {
    "0400_signin_lockout": { up: createLockoutTable },
    "0401_password_reset": { up: createPasswordResetTable },
    "0402_signin_expiry_indexes": { up: (db) => createExpiryIndexes(db, signinExpiry) },
  },
  expiry: signinExpiry,
  register(app: FastifyInstance, ctx: IdentityContext) {
    registerSigninRoutes(app, ctx);
    registerStaySignedInRoutes(app, ctx);
    registerSecondFactorRoutes(app, ctx);
    registerPasskeySignInRoutes(app, ctx);
    registerUpdatePasswordRoutes(app, ctx);
    registerAccountPickerRoutes(app, ctx);
    registerPasswordResetRoutes(app, ctx);
    registerReopenRoutes(app, ctx);
  },
};
