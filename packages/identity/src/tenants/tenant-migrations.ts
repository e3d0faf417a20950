import type { NamedMigrations } from "@sesame/kit/db/migrations";
import type { Kysely } from "kysely";
import { createAuditTables } from "../audit/audit-tables";
import type { LicenceTables } from "../licences/licence-tables";
import { createLicenceTables } from "../licences/licence-tables";
import { skuCatalogue } from "../licences/sku-catalogue";
import { createResellerTables } from "../reseller/reseller-tables";
import { createRoleTables } from "../roles/role-tables";
import { createTenantTables } from "./tenant-tables";

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

async function seedSkus(db: Kysely<unknown>): Promise<void> {
  await createLicenceTables(db);
  await (db as Kysely<LicenceTables>)
    .insertInto("sku")
    .values(
      skuCatalogue.map((s) => ({
        id: s.skuId,
        part_number: s.skuPartNumber,
        display_name: s.displayName,
        service_plans: JSON.stringify(s.servicePlans),
      })),
    )
    .execute();
}

/** Organizations' migrations (range 0300–0399): append only. */
export const tenantMigrations: NamedMigrations = {
  "0300_tenants": { up: createTenantTables },
  "0301_tenants_directory_columns": { up: addDirectoryColumns },
  "0302_tenants_roles": { up: createRoleTables },
  "0303_tenants_licences": { up: seedSkus },
  "0304_tenants_reseller": { up: createResellerTables },
  "0305_tenants_audit": { up: createAuditTables },
};
