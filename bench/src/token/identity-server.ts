/**
 * Child process of the token benchmark: identity on HTTPS (SQLite, fresh data directory) with one
 * organization tenant and one confidential client holding an app role on Microsoft Graph.
 * Prints one JSON line with what the load generator needs. With BENCH_DATA_DIR it prepares that
 * directory (kept on exit) with the SESAME_* settings of its environment: the memory benchmark then
 * serves it from the production build.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { GRAPH_APP_ID } from "@sesame/identity/apps/graph-app";
import { loadIdentityConfig } from "@sesame/identity/config";
import { assignAppRole } from "@sesame/identity/consent/consent-queries";
import { startIdentity } from "@sesame/identity/main";
import { createTestTenant, registerTestApp } from "@sesame/identity/oauth/testing/oauth-fixtures";

const keep = process.env.BENCH_DATA_DIR;
const dataDir = keep ?? fs.mkdtempSync(path.join(os.tmpdir(), "sesame-bench-"));
const settings = keep
  ? Object.fromEntries(
      Object.entries(process.env).filter(([k]) => k.startsWith("SESAME_") || k === "SMTP_URL"),
    )
  : {};
const identity = await startIdentity(
  loadIdentityConfig({
    ...settings,
    SESAME_DATA_DIR: dataDir,
    SESAME_IDENTITY_PORT: "0",
    SESAME_SMTP_SINK_PORT: "0",
    SESAME_LOG_LEVEL: "silent",
    ...(process.env.BENCH_DATABASE_URL ? { DATABASE_URL: process.env.BENCH_DATABASE_URL } : {}),
  }),
);
const tenantId = await createTestTenant(identity.ctx, "Bench");
const client = await registerTestApp(identity.ctx, { tenantId });
await assignAppRole(identity.ctx.db, {
  clientAppId: client.clientId,
  resourceAppId: GRAPH_APP_ID,
  tenantId,
  appRoleId: "df021288-bdef-4463-88db-98f22de89214",
});
process.stdout.write(
  `${JSON.stringify({
    url: identity.url,
    tokenPath: `/${tenantId}/oauth2/v2.0/token`,
    form: {
      grant_type: "client_credentials",
      client_id: client.clientId,
      client_secret: client.secret,
      scope: "https://graph.microsoft.com/.default",
    },
    ca: identity.ca,
    dataDir,
  })}\n`,
);
process.on("SIGTERM", async () => {
  await identity.close();
  if (!keep) fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
});
