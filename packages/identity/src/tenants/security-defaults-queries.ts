import type { Kysely } from "kysely";
import type { IdentityDB } from "../storage/schema";

type Db = Kysely<IdentityDB>;

/** Whether the tenant's security defaults are on (no row: off, see SecurityDefaultsTable). */
export async function securityDefaultsOn(db: Db, tenantId: string): Promise<boolean> {
  const row = await db
    .selectFrom("security_defaults")
    .select("enabled")
    .where("tenant_id", "=", tenantId)
    .executeTakeFirst();
  return row?.enabled === 1;
}

export async function saveSecurityDefaults(db: Db, tenantId: string, enabled: boolean): Promise<void> {
  const now = Date.now();
  await db
    .insertInto("security_defaults")
    .values({ tenant_id: tenantId, enabled: enabled ? 1 : 0, updated_at: now })
    .onConflict((oc) => oc.column("tenant_id").doUpdateSet({ enabled: enabled ? 1 : 0, updated_at: now }))
    .execute();
}
