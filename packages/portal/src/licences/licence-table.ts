import { TIME } from "@sesame/kit/db/columns";
import type { Kysely } from "kysely";

export type LicenceStatus = "pending_send" | "sent" | "fulfilled" | "rejected";

export interface LicenceRequestTable {
  id: string;
  firm_id: string;
  /** Who asked: a contact, or null when the firm asked itself. */
  contact_id: string | null;
  requested_by: string;
  tenant_id: string;
  sku: string;
  seats: number;
  status: LicenceStatus;
  note: string | null;
  created_at: number;
  updated_at: number;
}

export interface LicenceTables {
  licence_request: LicenceRequestTable;
}

export async function createLicenceTable(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("licence_request")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("firm_id", "text", (c) => c.notNull().references("firm.id"))
    .addColumn("contact_id", "text")
    .addColumn("requested_by", "text", (c) => c.notNull())
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("sku", "text", (c) => c.notNull())
    .addColumn("seats", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("created_at", TIME, (c) => c.notNull())
    .addColumn("updated_at", TIME, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("licence_by_firm")
    .on("licence_request")
    .columns(["firm_id", "created_at"])
    .execute();
}
