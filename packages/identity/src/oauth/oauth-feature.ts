import { commitGroup } from "@sesame/kit/db/commit-group";
import { createExpiryIndexes, DAY_MS, type ExpiryRule, HOUR_MS } from "@sesame/kit/db/expiry-sweeper";
import { appCommands } from "../apps/app-cli";
import { seedGraphApp } from "../apps/graph-app";
import { registerDiscoveryRoutes } from "../discovery/discovery-routes";
import { registerRealmRoutes } from "../discovery/realm-routes";
import type { IdentityFeature } from "../feature";
import { derivedKey, keyEncryptionKey } from "../keys/key-encryption";
import { keyCommands } from "../keys/keys-cli";
import { TokenSigner } from "../keys/token-signer";
import { registerOauthJsonEndpoints } from "../protocol/oauth-json-errors";
import { createAppTables } from "../storage/app-tables";
import { createConsentTables, uniquePermissionGrants } from "../storage/consent-tables";
import { addDeviceCodeFamily, addRefreshTokenSpa, createGrantTables } from "../storage/grant-tables";
import { createKeyTables } from "../storage/key-tables";
import { registerAuthorizeRoutes } from "./authorize/authorize-routes";
import { registerDeviceCodeRoute } from "./device/device-code-route";
import { registerDeviceRoutes } from "./device/device-routes";
import { HotCache } from "./hot-cache";
import { registerLogoutRoutes } from "./logout/logout-routes";
import type { OauthDeps } from "./token-issuer";
import { registerTokenRoutes } from "./token-routes";
import { registerUserinfoRoutes } from "./userinfo-routes";

/**
 * Codes, device codes and assertion jtis stay an hour past expiry: a replay within that hour is still
 * recognised as one (54005 revokes what the code issued; a jti is refused), and a clock-skewed
 * assertion (5 minutes' tolerance) can never come back after its jti is gone. A refresh token stays
 * a day past expiry, so a reuse then is still told apart from an unknown token in the logs.
 */
const oauthExpiry: readonly ExpiryRule[] = [
  { table: "authorization_code", column: "expires_at", keepMs: HOUR_MS },
  { table: "device_code", column: "expires_at", keepMs: HOUR_MS },
  { table: "client_assertion_jti", column: "expires_at", keepMs: HOUR_MS },
  { table: "refresh_token", column: "expires_at", keepMs: DAY_MS },
];

export const oauthFeature: IdentityFeature = {
  name: "oauth",
  migrations: {
    "0200_oauth_applications": { up: createAppTables },
    "0201_oauth_graph_app": { up: seedGraphApp },
    "0202_oauth_signing_keys": { up: createKeyTables },
    "0203_oauth_grants": { up: createGrantTables },
    "0204_oauth_consent": { up: createConsentTables },
    "0205_oauth_expiry_indexes": { up: (db) => createExpiryIndexes(db, oauthExpiry) },
    "0206_oauth_device_code_family": { up: addDeviceCodeFamily },
    "0207_oauth_consent_unique": { up: uniquePermissionGrants },
    "0208_oauth_spa_refresh_tokens": { up: addRefreshTokenSpa },
  },
  expiry: oauthExpiry,
  async register(app, ctx) {
    const kek = keyEncryptionKey(ctx.config);
    const signer = new TokenSigner(ctx.db, kek);
    await signer.ready();
    const subKey = derivedKey(kek, "pairwise sub");
    const refreshKey = derivedKey(kek, "refresh token successor");
    const deps: OauthDeps = {
      ctx,
      signer,
      subKey,
      refreshKey,
      cache: new HotCache(ctx.db),
      grouped: commitGroup(ctx.database),
    };
    // The JSON protocol endpoints share one error handler (AADSTS bodies, 503 during an outage).
    await registerOauthJsonEndpoints(app, ctx.origin, (json) => {
      registerDiscoveryRoutes(json, ctx);
      registerTokenRoutes(json, deps);
      registerDeviceCodeRoute(json, deps);
    });
    registerRealmRoutes(app, ctx);
    registerAuthorizeRoutes(app, deps);
    registerDeviceRoutes(app, deps);
    registerLogoutRoutes(app, deps);
    registerUserinfoRoutes(app, deps);
  },
  cli: [...appCommands, ...keyCommands],
};
