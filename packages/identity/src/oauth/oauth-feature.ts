import { hkdfSync } from "node:crypto";
import { appCommands } from "../apps/app-cli";
import { type AppTables, createAppTables } from "../apps/app-tables";
import { seedGraphApp } from "../apps/graph-app";
import { type ConsentTables, createConsentTables } from "../consent/consent-tables";
import { registerDiscoveryRoutes } from "../discovery/discovery-routes";
import { registerRealmRoutes } from "../discovery/realm-routes";
import type { IdentityFeature } from "../feature";
import { keyEncryptionKey } from "../keys/key-encryption";
import { createKeyTables, type KeyTables } from "../keys/key-tables";
import { keyCommands } from "../keys/keys-cli";
import { TokenSigner } from "../keys/token-signer";
import { onPasswordChanged } from "../sessions/password-change-listeners";
import { registerAuthorizeRoutes } from "./authorize/authorize-routes";
import { registerDeviceRoutes } from "./device/device-routes";
import { createGrantTables, type GrantTables } from "./grant-tables";
import { HotCache } from "./hot-cache";
import { registerLogoutRoutes } from "./logout/logout-routes";
import { revokeAccountRefreshTokens } from "./refresh-tokens";
import type { OauthDeps } from "./token-issuer";
import { registerTokenRoutes } from "./token-routes";
import { registerUserinfoRoutes } from "./userinfo-routes";

/** Tables of applications, keys, codes, tokens and user consent (migrations 0200–0299). */
export type OauthTables = AppTables & KeyTables & GrantTables & ConsentTables;

export const oauthFeature: IdentityFeature = {
  name: "oauth",
  migrations: {
    "0200_oauth_applications": { up: createAppTables },
    "0201_oauth_graph_app": { up: seedGraphApp },
    "0202_oauth_signing_keys": { up: createKeyTables },
    "0203_oauth_grants": { up: createGrantTables },
    "0204_oauth_consent": { up: createConsentTables },
  },
  async register(app, ctx) {
    // A new password ends every refresh token of the account (PRODUCT.md 1.2), in the same transaction.
    onPasswordChanged(revokeAccountRefreshTokens);
    const kek = keyEncryptionKey(ctx.config);
    const signer = new TokenSigner(ctx.db, kek);
    await signer.ready();
    const subKey = Buffer.from(hkdfSync("sha256", kek, Buffer.alloc(0), "sesame pairwise sub", 32));
    const deps: OauthDeps = { ctx, signer, subKey, cache: new HotCache(ctx.db) };
    registerDiscoveryRoutes(app, ctx);
    registerRealmRoutes(app, ctx);
    registerAuthorizeRoutes(app, deps);
    registerTokenRoutes(app, deps);
    registerDeviceRoutes(app, deps);
    registerLogoutRoutes(app, deps);
    registerUserinfoRoutes(app, deps);
  },
  cli: [...appCommands, ...keyCommands],
};
