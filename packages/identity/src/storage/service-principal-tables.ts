import { TIME } from "@sesame/kit/db/columns";
import type { Kysely } from "kysely";

/**
 * Graph's `servicePrincipal`: an application's presence in a tenant, created when an admin of that
 * tenant grants it permissions (tenant-wide admin consent). One per (application, tenant).
 */
export interface ServicePrincipalTable {
  id: string;
  app_id: string;
  tenant_id: string;
  display_name: string;
  created_at: number;
}

export interface AdminConsentTables {
  service_principal: ServicePrincipalTable;
}

export async function createServicePrincipalTable(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("service_principal")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("app_id", "text", (c) => c.notNull())
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("display_name", "text", (c) => c.notNull())
    .addColumn("created_at", TIME, (c) => c.notNull())
    .addUniqueConstraint("service_principal_app_tenant", ["app_id", "tenant_id"])
    .execute();
}
