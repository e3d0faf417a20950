import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { loadIdentityConfig } from "@sesame/identity/config";
import { identityMigrations } from "@sesame/identity/migrations";
import { testTargets } from "@sesame/kit/db/test-databases";
import { openServiceStorage } from "@sesame/kit/service/service-runtime";
import pg from "pg";
import { loadPortalConfig } from "../config";
import { portalMigrations } from "./migrations";

/**
 * The documented PostgreSQL configuration: ONE database for both services, a schema each. Each
 * service migrates its own schema from empty whichever starts first, and restarts re-migrate.
 */
const postgres = (await testTargets()).find((t) => t.label === "postgres");

async function migrate(url: string, service: "identity" | "portal"): Promise<void> {
  const env = {
    DATABASE_URL: url,
    SESAME_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "sesame-shared-")),
    SESAME_LOG_LEVEL: "silent",
  };
  const storage =
    service === "identity"
      ? await openServiceStorage(loadIdentityConfig(env), "identity", identityMigrations)
      : await openServiceStorage(loadPortalConfig(env), "portal", portalMigrations);
  await storage.counters.close();
  await storage.database.close();
}

async function tablesOf(url: string, schema: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ table_name: string }>(
      "select table_name from information_schema.tables where table_schema = $1",
      [schema],
    );
    return rows.map((r) => r.table_name);
  } finally {
    await client.end();
  }
}

describe("identity and portal on one PostgreSQL database", { skip: !postgres }, () => {
  for (const order of [
    ["identity", "portal"],
    ["portal", "identity"],
  ] as const) {
    it(`migrate from empty (${order.join(" then ")}) and again on restart, each in its own schema`, async () => {
      const url = await postgres!.freshUrl();
      for (const service of order) await migrate(url, service);
      for (const service of order) await migrate(url, service);
      const identity = await tablesOf(url, "identity");
      const portal = await tablesOf(url, "portal");
      for (const table of ["account", "mail_outbox", "kysely_migration"])
        assert.ok(identity.includes(table), `identity.${table} in ${identity.join(", ")}`);
      for (const table of ["firm", "dossier", "mail_outbox", "kysely_migration"])
        assert.ok(portal.includes(table), `portal.${table} in ${portal.join(", ")}`);
      assert.ok(!(await tablesOf(url, "public")).includes("kysely_migration"));
    });
  }
});
