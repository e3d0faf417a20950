/**
 * Backup and restore of the PostgreSQL store, as the README tells an operator: pg_dump of a
 * populated database, pg_restore into an empty one, then both services start on the copy and every
 * demo account signs in.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { loadIdentityConfig } from "@sesame/identity/config";
import { seedIdentityDemo } from "@sesame/identity/demo/demo-data";
import { startIdentity } from "@sesame/identity/main";
import { testTargets } from "@sesame/kit/db/test-databases";
import { loadPortalConfig } from "@sesame/portal/config";
import { DEMO_FIRM, seedPortalDemo } from "@sesame/portal/demo/portal-demo";
import { startPortal } from "@sesame/portal/main";
import { Pool } from "undici";
import { BrowserClient } from "./browser-client";

const postgres = (await testTargets()).find((t) => t.label === "postgres");

describe("pg_dump, then pg_restore into an empty database", {
  skip: !postgres && "PostgreSQL absent",
}, () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sesame-restore-"));
  after(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const env = (databaseUrl: string) => ({
    SESAME_DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    SESAME_LOG_LEVEL: "silent",
    SESAME_IDENTITY_PORT: "0",
    SESAME_PORTAL_PORT: "0",
    SESAME_SMTP_SINK_PORT: "0",
  });

  it("gives a database both services start on, where every account signs in", async () => {
    const original = await postgres!.freshUrl();
    const identity = await startIdentity(loadIdentityConfig(env(original)), { listen: false });
    const accounts = (await seedIdentityDemo(identity.ctx)).filter((a) => a.email.includes("@"));
    const portal = await startPortal(loadPortalConfig(env(original)), { listen: false, smtpSinkPort: 9 });
    await seedPortalDemo(portal.ctx);
    await portal.close();
    await identity.close();

    const dump = path.join(dataDir, "sesame.dump");
    execFileSync("pg_dump", ["--format=custom", "--file", dump, original]);
    const restored = await postgres!.freshUrl();
    execFileSync("pg_restore", ["--no-owner", "--exit-on-error", "--dbname", restored, dump]);

    const again = await startIdentity(loadIdentityConfig(env(restored)));
    const portalAgain = await startPortal(
      loadPortalConfig({ ...env(restored), SESAME_IDENTITY_AUTHORITY: again.url }),
      { smtpSinkPort: again.smtpSinkPort ?? 9 },
    );
    const pool = new Pool(again.url, { connect: { ca: again.ca } });
    try {
      for (const account of accounts) await new BrowserClient(pool).signIn(account);
      const firm = await portalAgain.app.inject({ url: `/${DEMO_FIRM.code}/signin` });
      assert.notEqual(firm.statusCode, 404, "the demo firm came back");
      assert.ok(accounts.length >= 5, "the demo accounts were restored");
    } finally {
      await pool.close();
      await portalAgain.close();
      await again.close();
    }
  });
});
