import { TIME } from "@sesame/kit/db/columns";
import type { Kysely } from "kysely";

/**
 * Graph's `oauth2PermissionGrant`: delegated permissions a client holds on one API. `Principal`
 * grants are one user's consent (principal_id = the account's oid); `AllPrincipals` grants are an
 * admin's consent for every user of `tenant_id` (principal_id null). `scope` is space-separated.
 * One row per (client, consent type, principal, resource, tenant): new consent widens `scope`.
 */
export interface OAuth2PermissionGrantTable {
  id: string;
  client_app_id: string;
  consent_type: "Principal" | "AllPrincipals";
  principal_id: string | null;
  tenant_id: string;
  resource_app_id: string;
  scope: string;
  created_at: number;
  updated_at: number;
}

/** Graph's `appRoleAssignment` of an application (app permissions, granted by an admin). */
export interface AppRoleAssignmentTable {
  id: string;
  client_app_id: string;
  tenant_id: string;
  resource_app_id: string;
  app_role_id: string;
  created_at: number;
}

export interface ConsentTables {
  oauth2_permission_grant: OAuth2PermissionGrantTable;
  app_role_assignment: AppRoleAssignmentTable;
}

export async function createConsentTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("oauth2_permission_grant")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("client_app_id", "text", (c) => c.notNull())
    .addColumn("consent_type", "text", (c) => c.notNull())
    .addColumn("principal_id", "text")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("resource_app_id", "text", (c) => c.notNull())
    .addColumn("scope", "text", (c) => c.notNull())
    .addColumn("created_at", TIME, (c) => c.notNull())
    .addColumn("updated_at", TIME, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("oauth2_permission_grant_client")
    .on("oauth2_permission_grant")
    .columns(["client_app_id", "tenant_id"])
    .execute();
  await db.schema
    .createTable("app_role_assignment")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("client_app_id", "text", (c) => c.notNull())
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("resource_app_id", "text", (c) => c.notNull())
    .addColumn("app_role_id", "text", (c) => c.notNull())
    .addColumn("created_at", TIME, (c) => c.notNull())
    .addUniqueConstraint("app_role_assignment_unique", [
      "client_app_id",
      "tenant_id",
      "resource_app_id",
      "app_role_id",
    ])
    .execute();
}
