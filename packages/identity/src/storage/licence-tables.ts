import { TIME } from "@sesame/kit/db/columns";
import type { Kysely } from "kysely";

/** The catalogue of products (Graph subscribedSku's skuId, skuPartNumber and servicePlans). */
export interface SkuTable {
  id: string;
  part_number: string;
  display_name: string;
  /** JSON: [{ servicePlanId, servicePlanName }]. */
  service_plans: string;
}

/** A tenant's subscription to one SKU; `assigned` only moves by conditional updates (race-safe seats). */
export interface SubscriptionTable {
  id: string;
  tenant_id: string;
  sku_id: string;
  /** prepaidUnits.enabled */
  seats: number;
  /** consumedUnits */
  assigned: number;
  status: "Enabled" | "Suspended";
  created_at: number;
  updated_at: number;
}

export interface LicenceAssignmentTable {
  account_id: string;
  sku_id: string;
  tenant_id: string;
  subscription_id: string;
  assigned_at: number;
}

export interface LicenceTables {
  sku: SkuTable;
  subscription: SubscriptionTable;
  licence_assignment: LicenceAssignmentTable;
}

export async function createLicenceTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("sku")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("part_number", "text", (c) => c.notNull().unique())
    .addColumn("display_name", "text", (c) => c.notNull())
    .addColumn("service_plans", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("subscription")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("tenant_id", "text", (c) => c.notNull().references("tenant.id").onDelete("cascade"))
    .addColumn("sku_id", "text", (c) => c.notNull().references("sku.id"))
    .addColumn("seats", "integer", (c) => c.notNull())
    .addColumn("assigned", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("created_at", TIME, (c) => c.notNull())
    .addColumn("updated_at", TIME, (c) => c.notNull())
    .execute();
  // One subscription per product and tenant: buying more adds seats to it.
  await db.schema
    .createIndex("subscription_tenant_sku")
    .on("subscription")
    .columns(["tenant_id", "sku_id"])
    .unique()
    .execute();
  await db.schema
    .createTable("licence_assignment")
    .addColumn("account_id", "text", (c) => c.notNull().references("account.id").onDelete("cascade"))
    .addColumn("sku_id", "text", (c) => c.notNull())
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("subscription_id", "text", (c) =>
      c.notNull().references("subscription.id").onDelete("cascade"),
    )
    .addColumn("assigned_at", TIME, (c) => c.notNull())
    .addPrimaryKeyConstraint("licence_assignment_pk", ["account_id", "sku_id"])
    .execute();
  await db.schema
    .createIndex("licence_assignment_subscription")
    .on("licence_assignment")
    .column("subscription_id")
    .execute();
}
