import { TIME } from "@sesame/kit/db/columns";
import type { Kysely } from "kysely";

/**
 * A partner tenant (the firm's licence supplier). Its Global Administrators are the reseller's
 * admins: they sign in with their work account on identity's own login page, as partners do at
 * Microsoft, so there is no second kind of credential to protect.
 */
export interface ResellerTable {
  tenant_id: string;
  created_at: number;
}

/** Which partner sold to which customer tenant (a customer has at most one reseller here). */
export interface ResellerCustomerTable {
  customer_tenant_id: string;
  reseller_tenant_id: string;
  created_at: number;
}

/** A licence request received through the reseller API (from the portal). */
export interface LicenceRequestTable {
  id: string;
  reseller_tenant_id: string;
  customer_tenant_id: string | null;
  customer_name: string;
  contact_email: string;
  sku_part_number: string;
  quantity: number;
  status: "received" | "fulfilled" | "declined";
  note: string | null;
  /** Why the reseller refused (shown to the firm and the contact); null otherwise. */
  status_reason: string | null;
  /** Who asked (the calling client's id); shown to the reseller. */
  requested_by: string;
  created_at: number;
  updated_at: number;
}

export interface ResellerTables {
  reseller: ResellerTable;
  reseller_customer: ResellerCustomerTable;
  licence_request: LicenceRequestTable;
}

export async function createResellerTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("reseller")
    .addColumn("tenant_id", "text", (c) => c.primaryKey().references("tenant.id").onDelete("cascade"))
    .addColumn("created_at", TIME, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("reseller_customer")
    .addColumn("customer_tenant_id", "text", (c) =>
      c.primaryKey().references("tenant.id").onDelete("cascade"),
    )
    .addColumn("reseller_tenant_id", "text", (c) => c.notNull().references("reseller.tenant_id"))
    .addColumn("created_at", TIME, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("reseller_customer_reseller")
    .on("reseller_customer")
    .column("reseller_tenant_id")
    .execute();
  await db.schema
    .createTable("licence_request")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("reseller_tenant_id", "text", (c) => c.notNull().references("reseller.tenant_id"))
    .addColumn("customer_tenant_id", "text")
    .addColumn("customer_name", "text", (c) => c.notNull())
    .addColumn("contact_email", "text", (c) => c.notNull())
    .addColumn("sku_part_number", "text", (c) => c.notNull())
    .addColumn("quantity", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("requested_by", "text", (c) => c.notNull())
    .addColumn("created_at", TIME, (c) => c.notNull())
    .addColumn("updated_at", TIME, (c) => c.notNull())
    .execute();
}

/** The reseller's reason for a refusal, given to the firm and its client (migration 0900). */
export async function addLicenceRequestReason(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("licence_request").addColumn("status_reason", "text").execute();
}
