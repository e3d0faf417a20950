import type { NamedMigrations } from "@sesame/kit/db/migrations";
import type { Kysely } from "kysely";
import { createTenantTables } from "../storage/tenant-tables";

/** Work-account columns on the shared account table, and the tenant's directory lock counter. */
async function addDirectoryColumns(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("account").addColumn("job_title", "text").execute();
  await db.schema
    .alterTable("account")
    .addColumn("must_change_password", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable("account").addColumn("usage_location", "text").execute();
  await db.schema
    .alterTable("tenant")
    .addColumn("directory_version", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
}

/** The tenant's setting letting applications sign users in with their password (ROPC): on by default. */
async function addPasswordGrantSetting(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("tenant")
    .addColumn("password_grant_allowed", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
}

/**
 * Organizations' migrations (range 0300–0399): append only. Roles (0302), licences (0303), the
 * reseller (0304) and the audit trail (0305) bring theirs in their own features, same names.
 */
export const tenantMigrations: NamedMigrations = {
  "0300_tenants": { up: createTenantTables },
  "0301_tenants_directory_columns": { up: addDirectoryColumns },
  "0310_tenants_password_grant": { up: addPasswordGrantSetting },
};
