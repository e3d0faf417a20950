import { TIME } from "@sesame/kit/db/columns";
import { type Kysely, sql } from "kysely";

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

/**
 * Migration: one grant row per key. Rows a race duplicated before are merged (scopes united into
 * the oldest), then a unique index keeps it so; `coalesce` makes the organization's grants (no
 * principal) unique too, as NULLs never collide in a unique index.
 */
export async function uniquePermissionGrants(db: Kysely<unknown>): Promise<void> {
  // The migration runs on the untyped database; these are the columns created above.
  const grants = db as unknown as Kysely<ConsentTables>;
  const rows = await grants
    .selectFrom("oauth2_permission_grant")
    .selectAll()
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  const kept = new Map<string, { id: string; scopes: Set<string> }>();
  for (const row of rows) {
    const key = [
      row.client_app_id,
      row.consent_type,
      row.principal_id ?? "",
      row.resource_app_id,
      row.tenant_id,
    ].join(" ");
    const first = kept.get(key);
    if (!first) {
      kept.set(key, { id: row.id, scopes: new Set(row.scope.split(" ").filter(Boolean)) });
      continue;
    }
    for (const s of row.scope.split(" ").filter(Boolean)) first.scopes.add(s);
    await grants.deleteFrom("oauth2_permission_grant").where("id", "=", row.id).execute();
    await grants
      .updateTable("oauth2_permission_grant")
      .set({ scope: [...first.scopes].join(" ") })
      .where("id", "=", first.id)
      .execute();
  }
  await sql`create unique index oauth2_permission_grant_unique on oauth2_permission_grant (client_app_id, consent_type, (coalesce(principal_id, '')), resource_app_id, tenant_id)`.execute(
    db,
  );
}
