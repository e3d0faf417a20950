/**
 * Child process of the code-flow benchmark: identity on HTTPS (SQLite, fresh data directory, the
 * production argon2id cost) with the demo personal account and one confidential web client.
 * Prints one JSON line with what the load generator needs.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadIdentityConfig } from "@sesame/identity/config";
import { demoPersonalAccount, seedIdentityDemo } from "@sesame/identity/demo/demo-data";
import { startIdentity } from "@sesame/identity/main";
import { createTestTenant, registerTestApp } from "@sesame/identity/oauth/testing/oauth-fixtures";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sesame-bench-code-"));
const identity = await startIdentity(
  loadIdentityConfig({
    SESAME_DATA_DIR: dataDir,
    SESAME_IDENTITY_PORT: "0",
    SESAME_SMTP_SINK_PORT: "0",
    SESAME_LOG_LEVEL: "silent",
    // Lets a run compare the two SQLite durability levels (docs/performance.md).
    ...(process.env.SQLITE_SYNCHRONOUS ? { SQLITE_SYNCHRONOUS: process.env.SQLITE_SYNCHRONOUS } : {}),
  }),
);
await seedIdentityDemo(identity.ctx);
const tenantId = await createTestTenant(identity.ctx, "Bench");
const client = await registerTestApp(identity.ctx, { tenantId });
process.stdout.write(
  `${JSON.stringify({
    url: identity.url,
    ca: identity.ca,
    authorizePath: "/common/oauth2/v2.0/authorize",
    tokenPath: "/common/oauth2/v2.0/token",
    clientId: client.clientId,
    clientSecret: client.secret,
    redirectUri: client.redirect,
    scope: "openid profile email offline_access User.Read",
    email: demoPersonalAccount.email,
    password: demoPersonalAccount.password,
    dataDir,
  })}\n`,
);
process.on("SIGTERM", async () => {
  await identity.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
});
