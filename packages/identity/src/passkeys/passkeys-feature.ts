import { createExpiryIndexes, type ExpiryRule } from "@sesame/kit/db/expiry-sweeper";
import type { IdentityFeature } from "../feature";
import { createPasskeyTables } from "../storage/passkey-tables";
import { registerPasskeyAssets } from "./passkey-assets";
import { registerPasskeyRoutes } from "./passkey-routes";
import { registerTotpRoutes } from "./totp-page";

/** An unanswered WebAuthn challenge is useless once expired. */
const passkeyExpiry: readonly ExpiryRule[] = [
  { table: "passkey_challenge", column: "expires_at", keepMs: 0 },
];

/** The account page's second factors: passkeys (WebAuthn) and the authenticator app's pages, announced by mail. Migrations 1000–1049. */
export const passkeysFeature: IdentityFeature = {
  name: "passkeys",
  migrations: {
    "1000_passkey_tables": { up: createPasskeyTables },
    "1001_passkey_expiry_indexes": { up: (db) => createExpiryIndexes(db, passkeyExpiry) },
  },
  expiry: passkeyExpiry,
  register(app, ctx) {
    registerPasskeyAssets(app);
    registerPasskeyRoutes(app, ctx);
    registerTotpRoutes(app, ctx);
  },
};
