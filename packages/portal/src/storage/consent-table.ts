import { TIME } from "@sesame/kit/db/columns";
import type { Kysely } from "kysely";

/** The tenant consent registry: which organization approved the firm's application. */
export interface TenantConsentTable {
  id: string;
  firm_id: string;
  tenant_id: string;
  consented_by_oid: string | null;
  consented_by_name: string | null;
  consented_at: number;
  /** Space-separated permissions granted (scp of the token, or the requested resource). */
  permissions: string;
  /** Set when a later check finds the approval withdrawn. */
  revoked_at: number | null;
}

/** An approval link handed out: its state comes back on /{firm}/authorize. */
export interface ConsentRequestTable {
  state: string;
  firm_id: string;
  contact_id: string | null;
  created_at: number;
}

export interface ConsentTables {
  tenant_consent: TenantConsentTable;
  consent_request: ConsentRequestTable;
}

export async function createConsentTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("tenant_consent")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("firm_id", "text", (c) => c.notNull().references("firm.id"))
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("consented_by_oid", "text")
    .addColumn("consented_by_name", "text")
    .addColumn("consented_at", TIME, (c) => c.notNull())
    .addColumn("permissions", "text", (c) => c.notNull())
    .addColumn("revoked_at", TIME)
    .execute();
  await db.schema
    .createIndex("tenant_consent_firm_tenant")
    .unique()
    .on("tenant_consent")
    .columns(["firm_id", "tenant_id"])
    .execute();
  await db.schema
    .createTable("consent_request")
    .addColumn("state", "text", (c) => c.primaryKey())
    .addColumn("firm_id", "text", (c) => c.notNull().references("firm.id"))
    .addColumn("contact_id", "text")
    .addColumn("created_at", TIME, (c) => c.notNull())
    .execute();
}
